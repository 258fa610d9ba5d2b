/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loads the fonts the first window draws with on a thread, while the window is built. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _OwFontWarmup OwFontWarmup;

/* Starts loading, with the font, resolution and options @probe's text would use. */
OwFontWarmup *ow_font_warmup_start  (GtkWidget    *probe);
/* Waits for it, makes its font map the main thread's default, and frees @warmup. Call
 * before any widget that will show text measures it. */
void          ow_font_warmup_finish (OwFontWarmup *warmup);

G_END_DECLS
