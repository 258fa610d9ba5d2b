/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fast UTC offsets for one time zone, for the deadline engine's hot path.
 * GLib's g_time_zone_find_interval () scans every transition; this table is built once
 * per zone from it and then searched in a few steps, so results match GLib's exactly. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OwZoneTable OwZoneTable;

/* Cached by identifier for the life of the process; thread-safe. */
const OwZoneTable *ow_zone_table_get                (GTimeZone         *zone);
/* Starts building @zone's table on a thread of its own unless it is built or on its way. */
void               ow_zone_table_prewarm            (GTimeZone         *zone);
GTimeZone         *ow_zone_table_get_zone           (const OwZoneTable *table);
/* Seconds east of UTC at the instant @utc. */
int                ow_zone_table_offset             (const OwZoneTable *table,
                                                     gint64             utc);
/* The UTC instant of the wall-clock time @local (seconds since 1970 as if the zone were UTC).
 * A time skipped by a DST change becomes the first instant after the change (as in GLib);
 * a repeated time takes @preferred_offset when that is one of its two readings, else the
 * earlier instant. */
gint64             ow_zone_table_local_to_utc       (const OwZoneTable *table,
                                                     gint64             local,
                                                     int                preferred_offset);
gint64             ow_zone_table_add_days           (const OwZoneTable *table,
                                                     gint64             time,
                                                     int                days);
gint64             ow_zone_table_add_business_days  (const OwZoneTable *table,
                                                     gint64             time,
                                                     int                days);

G_END_DECLS
