/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text from outside (files, tracking answers): where it is not UTF-8, cutting it to a
 * length, and the names of enum values. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @length bytes of JSON @data are UTF-8. If not, @line (1-based) and @member (the
 * name of the member whose string holds the first bad byte, or NULL when it is not in a
 * member's string value; newly allocated) say where. */
gboolean  ow_text_check_json_utf8 (const char  *data,
                                   gsize        length,
                                   guint       *line,
                                   char       **member);
/* Where @text (nullable) is among the @n_names of @names, the names files and the command
 * line use for an enum's values: TRUE with @index set, else FALSE. */
gboolean  ow_text_find_name       (const char * const *names,
                                   guint               n_names,
                                   const char         *text,
                                   guint              *index);
/* @text (UTF-8) cut to at most @max characters, the last one an ellipsis when cut. NULL for
 * NULL. */
char     *ow_text_truncate        (const char  *text,
                                   guint        max);

G_END_DECLS
