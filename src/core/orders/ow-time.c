/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ow-error.h"
#include "ow-time.h"

gint64
ow_time_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
ow_time_in_range (gint64 time)
{
  return time != OW_TIME_UNSET && time >= OW_TIME_MIN && time <= OW_TIME_MAX;
}

void
ow_time_set_range_error (GError     **error,
                         const char  *field,
                         const char  *text)
{
  /* Translators: a field, then the date typed */
  g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE,
               _("%s: “%s” is outside the dates Orderwatch keeps; use a date from the year 1 "
                 "to 9999 in UTC"),
               field, text ? text : "");
}

static gboolean
is_date_only (const char *text)
{
  /* YYYY-MM-DD */
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
ow_time_parse (const char  *text,
               GTimeZone   *zone,
               const char  *field,
               gint64      *out,
               GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text != NULL && is_date_only (text))
    {
      int year = atoi (text), month = atoi (text + 5), day = atoi (text + 8);

      if (g_date_valid_dmy (day, month, year))
        dt = g_date_time_new (zone ? zone : ow_time_zone_get ("UTC"), year, month, day, 0, 0, 0);
    }
  else if (text != NULL)
    {
      /* A time without an offset is taken in @zone, like a date alone. */
      dt = g_date_time_new_from_iso8601 (text, zone ? zone : ow_time_zone_get ("UTC"));
    }

  if (dt == NULL)
    {
      /* Translators: %s is a field name such as "paid" */
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("%s: “%s” is not a date; use ISO 8601, such as 2026-11-01 or "
                     "2026-11-01T10:00:00Z"),
                   field, text ? text : "");
      return FALSE;
    }

  if (!ow_time_in_range (g_date_time_to_unix (dt)))
    {
      ow_time_set_range_error (error, field, text);
      return FALSE;
    }
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

char *
ow_time_format_iso_utc (gint64 time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (time == OW_TIME_UNSET)
    return NULL;
  dt = g_date_time_new_from_unix_utc (time);
  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

char *
ow_time_format_local (gint64     time,
                      GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) here = NULL;

  if (time == OW_TIME_UNSET)
    return NULL;
  utc = g_date_time_new_from_unix_utc (time);
  if (utc == NULL)
    return NULL;
  if (zone == NULL)
    zone = here = ow_time_zone_get_local ();
  local = g_date_time_to_timezone (utc, zone);
  /* Translators: a date and time with its zone in notifications, reasons and the command
   * line's tables (at most 22 characters there), see g_date_time_format () */
  return g_date_time_format (local, C_("date and time", "%Y-%m-%d %H:%M %Z"));
}

gboolean
ow_duration_parse (const char  *text,
                   const char  *field,
                   gint64      *seconds,
                   GError     **error)
{
  char *end = NULL;
  gint64 value;
  gint64 unit = 86400;

  if (text != NULL && g_ascii_isdigit (*text))
    {
      value = g_ascii_strtoll (text, &end, 10);
      if (g_str_equal (end, "m"))
        unit = 60;
      else if (g_str_equal (end, "h"))
        unit = 3600;
      else if (g_str_equal (end, "d") || *end == '\0')
        unit = 86400;
      else if (g_str_equal (end, "w"))
        unit = 7 * 86400;
      else
        end = NULL;

      if (end != NULL && value >= 0 && value <= G_GINT64_CONSTANT (100) * 365 * 86400 / unit)
        {
          *seconds = value * unit;
          return TRUE;
        }
    }

  g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
               _("%s: “%s” is not a duration; use a number with m, h, d or w, such as 36h or 3d"),
               field, text ? text : "");
  return FALSE;
}

static char *
format_unit (gint64 n,
             int    unit)
{
  switch (unit)
    {
    case 0: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", n), (int) n);
    case 1: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", n), (int) n);
    case 2: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", n), (int) n);
    default: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", n), (int) n);
    }
}

/* The last duration written, per thread: a list sorted by due has runs of deadlines the same
 * days and hours away, and writing the words took three printf calls. They depend only on
 * the one or two numbers shown, their units and the language. */
typedef struct
{
  const char *pair_format;  /* translated: another language, other words */
  gint64      first;        /* the first number shown */
  int         unit;         /* its unit: 0 days … 3 seconds */
  gint64      second;       /* the number after it, of the next unit, or -1 */
  char        text[64];
} FormattedDuration;

static _Thread_local FormattedDuration last_duration;

char *
ow_duration_format (gint64 seconds)
{
  /* Translators: two durations, e.g. "3 days 4 hours" */
  const char *pair_format = C_("duration", "%s %s");
  FormattedDuration *last = &last_duration;
  gint64 parts[4];
  gint64 second = -1;
  int first = -1;
  char *text;

  if (seconds < 0)
    seconds = -seconds;

  parts[0] = seconds / 86400;
  parts[1] = (seconds % 86400) / 3600;
  parts[2] = (seconds % 3600) / 60;
  parts[3] = seconds % 60;

  for (int i = 0; i < 4 && first < 0; i++)
    if (parts[i] > 0)
      first = i;

  /* Nothing left reads "0 minutes". */
  if (first < 0)
    {
      first = 2;
      parts[2] = 0;
    }
  /* Seconds only matter in the last minute. */
  if (first < 2 && parts[first + 1] > 0)
    second = parts[first + 1];

  if (last->pair_format == pair_format && last->unit == first &&
      last->first == parts[first] && last->second == second)
    return g_strdup (last->text);

  if (second >= 0)
    {
      g_autofree char *a = format_unit (parts[first], first);
      g_autofree char *b = format_unit (second, first + 1);

      text = g_strdup_printf (pair_format, a, b);
    }
  else
    text = format_unit (parts[first], first);

  if (strlen (text) < sizeof last->text)
    {
      last->pair_format = pair_format;
      last->unit = first;
      last->first = parts[first];
      last->second = second;
      strcpy (last->text, text);
    }
  return text;
}

/* A name from the zone database ("UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5"):
 * components of letters, digits, '_', '-' and '+', none starting with a dot or empty. GLib
 * reads the file it names below the zoneinfo folder, or any absolute path: "../../etc/passwd"
 * or "/dev/zero" must never get that far. */
static gboolean
is_zone_name (const char *identifier)
{
  gsize length = strlen (identifier);
  gboolean component_start = TRUE;

  if (length == 0 || length > 64)
    return FALSE;
  for (const char *p = identifier; *p; p++)
    {
      if (*p == '/')
        {
          if (component_start)
            return FALSE;
          component_start = TRUE;
          continue;
        }
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '+')
        return FALSE;
      component_start = FALSE;
    }
  return !component_start;
}

GTimeZone *
ow_time_zone_get (const char *identifier)
{
  static GHashTable *zones;
  static GMutex lock;
  GTimeZone *zone;

  g_return_val_if_fail (identifier != NULL, NULL);

  if (!is_zone_name (identifier))
    return NULL;

  g_mutex_lock (&lock);
  if (zones == NULL)
    zones = g_hash_table_new (g_str_hash, g_str_equal);
  zone = g_hash_table_lookup (zones, identifier);
  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier (identifier);
      if (zone != NULL)
        g_hash_table_insert (zones, g_strdup (identifier), zone);
    }
  g_mutex_unlock (&lock);

  return zone;
}

/* GLib reads /etc/localtime again for every g_time_zone_new_local () (a stat and a readlink):
 * `deadlines --json` formats hundreds of thousands of dates. Looked at again after a second,
 * so a zone changed while the app runs still shows. */
#define LOCAL_ZONE_CHECK_US G_USEC_PER_SEC

GTimeZone *
ow_time_zone_get_local (void)
{
  static GTimeZone *zone;
  static char *zone_env;
  static gint64 read_at;
  static GMutex lock;
  gint64 now = g_get_monotonic_time ();
  const char *env = g_getenv ("TZ");
  GTimeZone *result;

  g_mutex_lock (&lock);
  /* $TZ set meanwhile (tests, the command line) counts at once, as it does for GLib. */
  if (zone == NULL || now - read_at >= LOCAL_ZONE_CHECK_US || g_strcmp0 (env, zone_env) != 0)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      g_free (zone_env);
      zone_env = g_strdup (env);
      read_at = now;
    }
  result = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);
  return result;
}
