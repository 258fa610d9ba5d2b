/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading JSON from outside (tracking answers, imported files, policy files) safely. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting of arrays and objects Orderwatch reads. Its own exports, the policy
 * files and the tracking services' answers nest about ten levels. */
#define OW_JSON_MAX_DEPTH 64

/* Whether the arrays and objects in @data nest at most @max_depth levels, from the bytes
 * alone, reading strings (double or single quotes) and comments as json-glib does. Fails
 * with OW_INPUT_ERROR_OUT_OF_RANGE naming the line. */
gboolean  ow_json_check_depth  (const char  *data,
                                gsize        length,
                                guint        max_depth,
                                GError     **error);
/* json_parser_load_from_data () once ow_json_check_depth (OW_JSON_MAX_DEPTH) passed:
 * json-glib recurses once per level without a limit, so a few hundred kilobytes of "["
 * would overflow the stack. Errors: OW_INPUT_ERROR_OUT_OF_RANGE, else JSON_PARSER_ERROR. */
gboolean  ow_json_parser_load  (JsonParser  *parser,
                                const char  *data,
                                gsize        length,
                                GError     **error);

G_END_DECLS
