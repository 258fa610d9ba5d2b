/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text from outside (files, tracking answers): where it is not UTF-8, and cutting it to a
 * length. */
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
/* @text (UTF-8) cut to at most @max characters, the last one an ellipsis when cut. NULL for
 * NULL. */
char     *ow_text_truncate        (const char  *text,
                                   guint        max);

G_END_DECLS
