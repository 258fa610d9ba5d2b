/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files of the paste parser. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  ow_paste_is_space_char      (gunichar     c);
/* Zero-width spaces, direction marks, byte order marks, soft hyphens. */
gboolean  ow_paste_is_invisible_char  (gunichar     c);
/* One line with every kind of space made a plain one and invisible characters dropped. */
char     *ow_paste_flatten_spaces     (const char  *text);

G_END_DECLS
