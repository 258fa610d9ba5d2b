/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ow-types.h"

G_BEGIN_DECLS

gint64    ow_time_now              (void);
/* ISO 8601 with a time and an offset or Z, or a date alone meaning midnight in @zone.
 * @field names the field in the error message. */
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

G_END_DECLS
