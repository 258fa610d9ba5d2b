/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ow-text.h"

/* Whether the quote at @p is escaped: an odd number of backslashes before it. */
static gboolean
is_escaped (const char *start,
            const char *p)
{
  gsize n = 0;

  while (p > start && p[-1] == '\\')
    {
      p--;
      n++;
    }
  return n % 2 == 1;
}

/* The start of the string (its opening quote) that holds @p, scanning back. */
static const char *
string_start (const char *start,
              const char *p)
{
  while (p > start)
    {
      p--;
      if (*p == '"' && !is_escaped (start, p))
        return p;
    }
  return NULL;
}

static const char *
skip_space_back (const char *start,
                 const char *p)
{
  while (p > start && g_ascii_isspace (p[-1]))
    p--;
  return p;
}

/* The name in "name": "...<bad>...", or NULL when @bad is in a key or an array element. */
static char *
member_at (const char *start,
           const char *bad)
{
  const char *open = string_start (start, bad);
  const char *p, *close, *name;

  if (open == NULL)
    return NULL;
  p = skip_space_back (start, open);
  if (p == start || p[-1] != ':')
    return NULL;
  p = skip_space_back (start, p - 1);
  if (p == start || p[-1] != '"')
    return NULL;
  close = p - 1;
  name = string_start (start, close);
  if (name == NULL)
    return NULL;
  return g_strndup (name + 1, close - name - 1);
}

gboolean
ow_text_check_json_utf8 (const char  *data,
                         gsize        length,
                         guint       *line,
                         char       **member)
{
  const char *bad = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (g_utf8_validate_len (data, length, &bad))
    return TRUE;

  if (line != NULL)
    {
      *line = 1;
      for (const char *p = data; p < bad; p++)
        *line += *p == '\n';
    }
  name = member_at (data, bad);
  /* A name that is not UTF-8 itself says nothing. */
  if (name != NULL && !g_utf8_validate (name, -1, NULL))
    g_clear_pointer (&name, g_free);
  if (member != NULL)
    *member = g_steal_pointer (&name);
  return FALSE;
}

/* @text up to @end, then an ellipsis. */
static char *
concat_ellipsis (const char *text,
                 const char *end)
{
  GString *out = g_string_new_len (text, end - text);

  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

char *
ow_text_truncate (const char *text,
                  guint       max)
{
  const char *end = text;
  const char *last = text;

  g_return_val_if_fail (max > 0, NULL);

  if (text == NULL)
    return NULL;

  /* @last: where the max-th character starts, for the ellipsis to take its place. */
  for (guint i = 0; i < max; i++)
    {
      if (*end == '\0')
        return g_strdup (text);
      last = end;
      end = g_utf8_next_char (end);
    }
  if (*end == '\0')
    return g_strdup (text);
  return concat_ellipsis (text, last);
}

gboolean
ow_text_find_name (const char * const *names,
                   guint               n_names,
                   const char         *text,
                   guint              *index)
{
  g_return_val_if_fail (index != NULL, FALSE);

  for (guint i = 0; text != NULL && i < n_names; i++)
    if (g_str_equal (text, names[i]))
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}
