/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The depth check every JSON the app reads goes through before json-glib sees it. */
#include "config.h"

#include <string.h>

#include "ow-error.h"
#include "ow-json.h"
#include "ow-test-util.h"

static gboolean
check (const char  *text,
       guint        max_depth,
       GError     **error)
{
  return ow_json_check_depth (text, strlen (text), max_depth, error);
}

static void
test_limit (void)
{
  g_autoptr(GBytes) at_limit = ow_test_nested_json ("", OW_JSON_MAX_DEPTH, "");
  g_autoptr(GBytes) over = ow_test_nested_json ("", OW_JSON_MAX_DEPTH + 1, "");
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  data = g_bytes_get_data (at_limit, &length);
  g_assert_true (ow_json_check_depth (data, length, OW_JSON_MAX_DEPTH, &error));
  g_assert_no_error (error);

  data = g_bytes_get_data (over, &length);
  g_assert_false (ow_json_check_depth (data, length, OW_JSON_MAX_DEPTH, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "64 levels"));
  g_clear_error (&error);

  /* Objects count as arrays do, siblings do not add up. */
  g_assert_true (check ("{\"a\": {\"b\": [1, 2]}, \"c\": {\"d\": []}}", 3, NULL));
  g_assert_false (check ("{\"a\": {\"b\": [{}]}}", 3, NULL));
  g_assert_true (check ("[[], [], [], [], []]", 2, NULL));
  /* A stray closing bracket does not buy depth. */
  g_assert_false (check ("]]]][[[", 2, NULL));
  g_assert_true (check ("", 1, NULL));
}

static void
test_strings_and_comments (void)
{
  /* Brackets inside strings and comments are not levels... */
  g_assert_true (check ("[\"[[[[{{{{\", \"\\\"[[[[\", '[[[[\"', \"a\\\\\"]", 1, NULL));
  g_assert_true (check ("[/* [[[[ \" */ 1]", 1, NULL));
  g_assert_true (check ("[\"[[[[ unterminated", 1, NULL));

  /* ...but a quote json-glib reads as part of something else must not hide the levels
   * after it: each of these is a string or comment json-glib ends where the check does. */
  g_assert_false (check ("['\"', [[[1]]]]", 3, NULL));
  g_assert_false (check ("[/* \" */ [[[1]]]]", 3, NULL));
  g_assert_false (check ("[\"\\\"\", [[[1]]]]", 3, NULL));
  g_assert_false (check ("['\\', [[[1]]]]", 3, NULL));
  g_assert_false (check ("[\"\\\\\", [[[1]]]]", 3, NULL));
}

static void
test_line (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (check ("{\n  \"a\": \"x\ny\",\n  \"b\": [[[\n", 3, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_assert_true (g_str_has_prefix (error->message, "line 4: "));
}

/* What crashed the app: 80,000 levels, 156 KiB. Refused before json-glib recurses. */
static void
test_parser_load_deep (void)
{
  g_autoptr(GBytes) deep = ow_test_nested_json ("", 80000, "");
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  const char *good = "{\"a\": [1, {\"b\": null}]}";
  const char *bad = "{\"a\": ";
  gsize length;
  const char *data = g_bytes_get_data (deep, &length);

  g_assert_false (ow_json_parser_load (parser, data, length, &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_assert_null (json_parser_get_root (parser));
  g_clear_error (&error);

  /* Within the limit json-glib parses as usual, and reports its own errors. */
  g_assert_true (ow_json_parser_load (parser, good, strlen (good), &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  g_assert_false (ow_json_parser_load (parser, bad, strlen (bad), &error));
  g_assert_error (error, JSON_PARSER_ERROR, error->code);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/depth/limit", test_limit);
  g_test_add_func ("/core/json/depth/strings-and-comments", test_strings_and_comments);
  g_test_add_func ("/core/json/depth/line", test_line);
  g_test_add_func ("/core/json/depth/parser-load-deep", test_parser_load_deep);

  return g_test_run ();
}
