/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of `orderwatch <command>`. */
#define OW_CLI_EXIT_OK      0
#define OW_CLI_EXIT_FAILURE 1
#define OW_CLI_EXIT_USAGE   2

/* Whether argv names a command ("add", "list", ...) rather than the GUI's options. */
gboolean  ow_cli_is_command  (int    argc,
                              char **argv);
/* Runs one command against the store; returns the exit status. */
int       ow_cli_run         (int    argc,
                              char **argv);

G_END_DECLS
