/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared test helpers that need no display: stores full of realistic orders. */
#pragma once

#include <glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* A path for a new database file in the test's own data directory (isolated by
 * G_TEST_OPTION_ISOLATE_DIRS), unique within the process. */
char    *ow_test_db_path          (const char  *name);
/* Opens a new store at @path holding @n_orders demo orders placed relative to @now
 * (always the same orders for the same arguments). Aborts the test on failure. */
OwStore *ow_test_store_new_seeded (const char  *path,
                                   guint        n_orders,
                                   gint64       now);

/* @prefix, then @depth "[" and as many "]", then @suffix: JSON nested @depth deep, as a
 * hostile server or file would send it (80,000 levels crashed json-glib). */
GBytes  *ow_test_nested_json      (const char  *prefix,
                                   guint        depth,
                                   const char  *suffix);

/* Removes @path and everything below it (a test's temporary directory). */
void     ow_test_remove_tree      (const char  *path);

G_END_DECLS
