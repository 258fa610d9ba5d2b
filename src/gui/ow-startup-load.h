/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the first window needs from disk (the store, the policies, the order list sorted
 * and counted from the saved summaries, the first screen's orders), read on a thread while
 * GTK starts up on the main one. */
#pragma once

#include <glib.h>

#include "ow-order-list.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* Rows in a window's first frame at most: more than fit on a 2160-pixel-tall screen. */
#define OW_FIRST_FRAME_ROWS_MAX 40

typedef struct _OwStartupLoad OwStartupLoad;

/* Starts reading at once. @path: the database; @demo: fill it with example orders when
 * empty; @with_orders: also load the order list (not when no window will open). */
OwStartupLoad *ow_startup_load_start  (const char        *path,
                                       gboolean           demo,
                                       gboolean           with_orders);
/* Waits for the thread and frees @load. The out values are (transfer full); @store and
 * @orders are NULL on failure, and then @error says why the store could not be opened. */
void           ow_startup_load_finish (OwStartupLoad     *load,
                                       OwStore          **store,
                                       OwPolicyRegistry **policies,
                                       OwOrderList      **orders,
                                       GError           **error);

/* The tab a window opens on: Needs Action when something does, else All. */
OwOrderFilter  ow_startup_load_choose_filter (OwOrderList *orders);

G_END_DECLS
