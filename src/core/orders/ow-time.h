/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

/* The instants Orderwatch keeps: those ISO 8601 can write with a four-digit year in UTC,
 * 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. Anything else (9999-12-31T23:59:59-12:00)
 * could be read but never written back out. */
#define OW_TIME_MIN G_GINT64_CONSTANT (-62135596800)
#define OW_TIME_MAX G_GINT64_CONSTANT (253402300799)

gint64    ow_time_now              (void);
/* Whether @time is a set instant between OW_TIME_MIN and OW_TIME_MAX. */
gboolean  ow_time_in_range         (gint64       time);
/* The OW_INPUT_ERROR_OUT_OF_RANGE every reader gives for a time outside that range. */
void      ow_time_set_range_error  (GError     **error,
                                    const char  *field,
                                    const char  *text);
/* ISO 8601 with a time and an offset or Z, or a date alone meaning midnight in @zone,
 * between OW_TIME_MIN and OW_TIME_MAX. @field names the field in the error message. */
gboolean  ow_time_parse            (const char  *text,
                                    GTimeZone   *zone,
                                    const char  *field,
                                    gint64      *out,
                                    GError     **error);
/* "2026-11-08T08:00:00Z" */
char     *ow_time_format_iso_utc   (gint64       time);
/* For people, in @zone (NULL: the user's local zone), e.g. "2026-11-08 00:00 PST"; the
 * format is translated ("08/11/2026 00:00 CET" in es). Machine output uses the ISO form. */
char     *ow_time_format_local     (gint64       time,
                                    GTimeZone   *zone);
/* "90m", "36h", "3d", "2w" or a bare number of days, into seconds. */
gboolean  ow_duration_parse        (const char  *text,
                                    const char  *field,
                                    gint64      *seconds,
                                    GError     **error);
/* "3 days 4 hours", "20 hours", "45 minutes": the two largest units. */
char     *ow_duration_format       (gint64       seconds);
/* Cached GTimeZone by the name of a zone in the zone database ("America/Los_Angeles",
 * "UTC"), or NULL for an unknown name or anything that is not a name (a path, an offset);
 * never freed. */
GTimeZone *ow_time_zone_get        (const char  *identifier);
/* The user's zone, as g_time_zone_new_local () gives it, read again at most once a second;
 * unref it. */
GTimeZone *ow_time_zone_get_local  (void);

G_END_DECLS
