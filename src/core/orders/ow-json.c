/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-json.h"

gboolean
ow_json_check_depth (const char  *data,
                     gsize        length,
                     guint        max_depth,
                     GError     **error)
{
  guint depth = 0, line = 1;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Only what json-glib takes for a string or a comment may hide a bracket: reading any
   * other way could miss levels it will recurse into. */
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      else if (c == '"')
        {
          /* Backslash escapes the next byte. */
          for (i++; i < length && data[i] != '"'; i++)
            {
              if (data[i] == '\\')
                i++;
              if (i < length && data[i] == '\n')
                line++;
            }
        }
      else if (c == '\'')
        {
          /* No escapes in single quotes (GScanner's rule). */
          for (i++; i < length && data[i] != '\''; i++)
            if (data[i] == '\n')
              line++;
        }
      else if (c == '/' && i + 1 < length && data[i + 1] == '*')
        {
          for (i += 2; i < length && !(data[i] == '*' && i + 1 < length && data[i + 1] == '/');
               i++)
            if (data[i] == '\n')
              line++;
          i++;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE,
                           /* Translators: a line number, then the limit */
                           _("line %u: arrays and objects are nested more than %u levels "
                             "deep, more than Orderwatch reads"), line, max_depth);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

gboolean
ow_json_parser_load (JsonParser  *parser,
                     const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data == NULL)
    data = "";
  if (!ow_json_check_depth (data, length, OW_JSON_MAX_DEPTH, error))
    return FALSE;
  return json_parser_load_from_data (parser, data, length, error);
}
