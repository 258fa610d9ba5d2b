/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files that make up the command line: the context, the option parser and the
 * helpers every command uses to report errors and print JSON. */
#pragma once

#include <json-glib/json-glib.h>

#include "ow-cli.h"
#include "ow-json-writer.h"
#include "ow-order-action.h"
#include "ow-types.h"

G_BEGIN_DECLS

typedef enum
{
  OW_CLI_FLAG,    /* --json */
  OW_CLI_VALUE,   /* --amount 4.99 or --amount=4.99; the last one given wins */
  OW_CLI_LIST,    /* --tracking A --tracking B */
  OW_CLI_PATH,    /* --db PATH: a value that names a file, in whatever bytes the system uses */
} OwCliOptionKind;

typedef struct
{
  const char      *name;       /* without the dashes */
  OwCliOptionKind  kind;
  const char      *value_name; /* "TIME", shown in help */
  const char      *help;       /* N_() */
} OwCliOption;

typedef struct _OwCli     OwCli;
typedef struct _OwCliArgs OwCliArgs;

typedef struct
{
  const char        *name;
  int              (*run)     (OwCli        *cli,
                               OwCliArgs    *args);
  const char        *synopsis;     /* after the command name, e.g. "ID [--at TIME]" */
  const char        *summary;      /* N_(): one line for `orderwatch help` */
  const char        *description;  /* N_(): paragraphs for `orderwatch help COMMAND`, or NULL */
  const OwCliOption *options;      /* terminated by { NULL } */
  guint              min_args;     /* positional arguments */
  guint              max_args;
  gboolean           hidden;       /* an alias, left out of the command list */
} OwCliCommand;

struct _OwCli
{
  const OwCliCommand *command;
  char               *db_path;
  gint64              now;
  gboolean            json;
  OwStore            *store;
  OwPolicyRegistry   *policies;
};

/* The commands, one table entry each (ow-cli-commands.c, ow-cli-actions.c, ow-cli-views.c,
 * ow-cli-transfer.c). */
extern const OwCliCommand ow_cli_command_add;
extern const OwCliCommand ow_cli_command_edit;
extern const OwCliCommand ow_cli_command_confirm_received;
extern const OwCliCommand ow_cli_command_request_cancel;
extern const OwCliCommand ow_cli_command_extend;
extern const OwCliCommand ow_cli_command_close;
extern const OwCliCommand ow_cli_command_refunded;
extern const OwCliCommand ow_cli_command_answer_extension;
extern const OwCliCommand ow_cli_command_open_dispute;
extern const OwCliCommand ow_cli_command_dispute;   /* ow-cli-dispute.c */
extern const OwCliCommand ow_cli_command_archive;
extern const OwCliCommand ow_cli_command_unarchive;
extern const OwCliCommand ow_cli_command_delete;
extern const OwCliCommand ow_cli_command_list;
extern const OwCliCommand ow_cli_command_show;
extern const OwCliCommand ow_cli_command_deadlines;
extern const OwCliCommand ow_cli_command_import;
extern const OwCliCommand ow_cli_command_export;
extern const OwCliCommand ow_cli_command_check;     /* ow-cli-check.c */
extern const OwCliCommand ow_cli_command_refresh;   /* ow-cli-refresh.c */
extern const OwCliCommand ow_cli_command_key;       /* ow-cli-key.c */

/* Parsed arguments: values by option name, then the positional arguments. */
const char  *ow_cli_args_get          (OwCliArgs    *args,
                                       const char   *name);
gboolean     ow_cli_args_has          (OwCliArgs    *args,
                                       const char   *name);
/* (element-type utf8) every value of a list option, in order; never NULL. */
GPtrArray   *ow_cli_args_get_list     (OwCliArgs    *args,
                                       const char   *name);
guint        ow_cli_args_get_n_positional (OwCliArgs *args);
const char  *ow_cli_args_get_positional   (OwCliArgs *args,
                                       guint         index);

/* "orderwatch: MESSAGE" on stderr; return OW_CLI_EXIT_USAGE / OW_CLI_EXIT_FAILURE. */
int          ow_cli_usage_error       (OwCli        *cli,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (2, 3);
int          ow_cli_failure           (OwCli        *cli,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (2, 3);
/* Prints @error; OW_INPUT_ERROR is bad input (exit 2), anything else a failure (exit 1). */
int          ow_cli_report_error      (OwCli        *cli,
                                       const GError *error);

/* An OW_INPUT_ERROR naming the option and the value: "--amount: “4.999” — USD takes at
 * most 2 decimals". @cause (nullable) gives the rule when @rule is NULL. */
void         ow_cli_set_option_error  (GError      **error,
                                       const char   *option,
                                       const char   *value,
                                       const char   *rule,
                                       const GError *cause);

OwStore          *ow_cli_get_store    (OwCli        *cli,
                                       GError      **error);
OwPolicyRegistry *ow_cli_get_policies (OwCli        *cli);
/* The policy of @marketplace, or an input error naming @option and the known ids. */
OwPolicy         *ow_cli_lookup_policy (OwCli       *cli,
                                       const char   *marketplace,
                                       const char   *option,
                                       GError      **error);
/* The order named by the first positional argument: a usage error (2) when it is not a
 * number, a failure (1) when there is no such order. Returns NULL and sets @exit_status. */
OwOrder          *ow_cli_load_order   (OwCli        *cli,
                                       OwCliArgs    *args,
                                       int          *exit_status);
/* The same, named by the positional argument at @index (after a subcommand). */
OwOrder          *ow_cli_load_order_at (OwCli       *cli,
                                       OwCliArgs    *args,
                                       guint         index,
                                       int          *exit_status);
/* A number of days from 1 to 365 typed for @option, or an input error naming it. */
gboolean          ow_cli_parse_days   (const char   *option,
                                       const char   *text,
                                       int          *out,
                                       GError      **error);
/* An instant typed for @option: ISO 8601, a date alone meaning midnight in @zone. */
gboolean          ow_cli_parse_time   (const char   *option,
                                       const char   *text,
                                       GTimeZone    *zone,
                                       gint64       *out,
                                       GError      **error);

/* Runs @action on the order named by the first argument (ow-cli-actions.c). */
int               ow_cli_run_action   (OwCli        *cli,
                                       OwCliArgs    *args,
                                       OwOrderAction action);
/* Adds a "disputes" member: each dispute with its history and deadlines. */
void              ow_cli_add_disputes_json (OwCli   *cli,
                                       OwOrder      *order,
                                       JsonBuilder  *builder);
/* The order's id: "N" or, with --json, {"id": N}. Returns OW_CLI_EXIT_OK. */
int               ow_cli_print_id     (OwCli        *cli,
                                       OwOrder      *order);
/* What @builder built, as pretty JSON on stdout ending with a newline. */
void              ow_cli_print_json   (JsonBuilder  *builder);
/* The same pretty JSON, written to stdout as it is made: for output as long as the list. */
OwJsonWriter     *ow_cli_json_writer_new (void);
/* Ends @writer's text with a newline: OW_CLI_EXIT_OK, or a failure when stdout took none. */
int               ow_cli_json_writer_finish (OwCli      *cli,
                                       OwJsonWriter *writer);
/* Writes @text to stdout as is. */
gboolean          ow_cli_write_stdout (const char   *text,
                                       gsize         length,
                                       GError      **error);
/* The state of an extension request in words, for text output (JSON keeps the nick). */
const char       *ow_cli_extension_state_label (OwExtensionState state);
/* Pads @text with spaces to @width characters (not bytes), cutting it with "…" if longer. */
char             *ow_cli_pad          (const char   *text,
                                       guint         width);

G_END_DECLS
