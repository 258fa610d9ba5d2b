/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ow-zone-table.h"

#define DAY 86400
/* The table covers 1970-01-01 to 2100-01-01 UTC, far around any order; outside it GLib
 * answers (slowly). Building it asks GLib for the interval of a time about 30 times per
 * transition, and GLib finds an interval by walking the zone's transitions from the first:
 * for 1900 to 2200 that was about 100 M instructions a zone at start-up, for these 130
 * years it is a fifth of that. */
#define TABLE_START G_GINT64_CONSTANT (0)
#define TABLE_END   G_GINT64_CONSTANT (4102444800)
/* Buckets of 2^20 s (about 12 days) index the entries, so a lookup is a step or two. */
#define BUCKET_SHIFT 20
#define N_BUCKETS ((guint) ((TABLE_END - TABLE_START) >> BUCKET_SHIFT) + 1)

struct _OwZoneTable
{
  GTimeZone *zone;
  guint      n;
  gint64    *starts;   /* UTC instant each offset begins, ascending; starts[0] = TABLE_START */
  int       *offsets;  /* seconds east of UTC */
  guint16   *buckets;  /* the entry in force at each bucket's first second */
};

static int
glib_offset (GTimeZone *zone,
             gint64     utc)
{
  return g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL,
                                                                  utc));
}

static OwZoneTable *
zone_table_new (GTimeZone *zone)
{
  OwZoneTable *table = g_new0 (OwZoneTable, 1);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (int));
  gint64 t = TABLE_START;
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t);
  int last = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, TABLE_END - 1);
  int offset = g_time_zone_get_offset (zone, interval);

  g_array_append_val (starts, t);
  g_array_append_val (offsets, offset);

  /* Intervals are numbered in time order: bisect for the first second of each next one. */
  while (interval < last)
    {
      gint64 lo = t, hi = TABLE_END - 1;
      int next_offset;

      while (hi - lo > 1)
        {
          gint64 mid = lo + (hi - lo) / 2;

          if (g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, mid) > interval)
            hi = mid;
          else
            lo = mid;
        }

      t = hi;
      interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t);
      next_offset = g_time_zone_get_offset (zone, interval);
      if (next_offset != offset)
        {
          offset = next_offset;
          g_array_append_val (starts, t);
          g_array_append_val (offsets, offset);
        }
    }

  g_assert (starts->len < G_MAXUINT16);
  table->zone = g_time_zone_ref (zone);
  table->n = starts->len;
  table->starts = (gint64 *) (void *) g_array_free (g_steal_pointer (&starts), FALSE);
  table->offsets = (int *) (void *) g_array_free (g_steal_pointer (&offsets), FALSE);
  table->buckets = g_new (guint16, N_BUCKETS);
  for (guint b = 0, entry = 0; b < N_BUCKETS; b++)
    {
      gint64 first = TABLE_START + ((gint64) b << BUCKET_SHIFT);

      while (entry + 1 < table->n && table->starts[entry + 1] <= first)
        entry++;
      table->buckets[b] = entry;
    }
  return table;
}

static GHashTable *tables;     /* identifier -> OwZoneTable, for the life of the process */
static GHashTable *prewarming; /* identifiers handed to a prewarm thread */
static GMutex lock;

const OwZoneTable *
ow_zone_table_get (GTimeZone *zone)
{
  OwZoneTable *table;
  const char *identifier;

  g_return_val_if_fail (zone != NULL, NULL);

  identifier = g_time_zone_get_identifier (zone);
  /* Held while building, so a caller asking for a table being prewarmed waits for it. */
  g_mutex_lock (&lock);
  if (tables == NULL)
    tables = g_hash_table_new (g_str_hash, g_str_equal);
  table = g_hash_table_lookup (tables, identifier);
  if (table == NULL)
    {
      table = zone_table_new (zone);
      g_hash_table_insert (tables, g_strdup (identifier), table);
    }
  g_mutex_unlock (&lock);

  return table;
}

static gpointer
prewarm_thread (gpointer data)
{
  GTimeZone *zone = data;

  ow_zone_table_get (zone);
  g_time_zone_unref (zone);
  return NULL;
}

void
ow_zone_table_prewarm (GTimeZone *zone)
{
  const char *identifier;
  gboolean wanted;
  GThread *thread;

  g_return_if_fail (zone != NULL);

  identifier = g_time_zone_get_identifier (zone);
  g_mutex_lock (&lock);
  if (prewarming == NULL)
    prewarming = g_hash_table_new (g_str_hash, g_str_equal);
  wanted = (tables == NULL || !g_hash_table_contains (tables, identifier)) &&
           !g_hash_table_contains (prewarming, identifier);
  if (wanted)
    g_hash_table_add (prewarming, g_strdup (identifier));
  g_mutex_unlock (&lock);

  if (!wanted || g_get_num_processors () < 2)
    return;
  thread = g_thread_try_new ("ow-zone-table", prewarm_thread, g_time_zone_ref (zone), NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  else
    g_time_zone_unref (zone);
}

GTimeZone *
ow_zone_table_get_zone (const OwZoneTable *table)
{
  return table->zone;
}

/* The index of the entry in force at @utc, which must be inside the table. */
static inline guint
find_entry (const OwZoneTable *table,
            gint64             utc)
{
  guint entry = table->buckets[(utc - TABLE_START) >> BUCKET_SHIFT];

  while (entry + 1 < table->n && table->starts[entry + 1] <= utc)
    entry++;
  return entry;
}

int
ow_zone_table_offset (const OwZoneTable *table,
                      gint64             utc)
{
  if (G_UNLIKELY (utc < TABLE_START || utc >= TABLE_END))
    return glib_offset (table->zone, utc);
  return table->offsets[find_entry (table, utc)];
}

gint64
ow_zone_table_local_to_utc (const OwZoneTable *table,
                            gint64             local,
                            int                preferred_offset)
{
  /* Transitions are months apart, so two days either side give the offsets in force before
   * and after any change near @local. */
  int before = ow_zone_table_offset (table, local - 2 * DAY);
  int after = ow_zone_table_offset (table, local + 2 * DAY);
  gint64 t_before = local - before;
  gint64 t_after = local - after;
  gboolean before_ok, after_ok;

  if (before == after)
    return t_before;

  before_ok = ow_zone_table_offset (table, t_before) == before;
  after_ok = ow_zone_table_offset (table, t_after) == after;

  if (before_ok && after_ok)
    {
      if (preferred_offset == before)
        return t_before;
      if (preferred_offset == after)
        return t_after;
      return MIN (t_before, t_after);
    }
  if (after_ok)
    return t_after;
  if (before_ok)
    return t_before;

  /* In a gap: like GLib, the first instant after it. Read with the old offset, the time
   * lands past the change, inside the interval that begins there. */
  if (t_before >= TABLE_START && t_before < TABLE_END)
    return table->starts[find_entry (table, t_before)];
  return t_before;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

gint64
ow_zone_table_add_days (const OwZoneTable *table,
                        gint64             time,
                        int                days)
{
  int offset = ow_zone_table_offset (table, time);

  return ow_zone_table_local_to_utc (table, time + offset + (gint64) days * DAY, offset);
}

/* 0 is Sunday; 1970-01-01 was a Thursday. */
static int
weekday (gint64 day)
{
  return (int) ((day % 7 + 7 + 4) % 7);
}

gint64
ow_zone_table_add_business_days (const OwZoneTable *table,
                                 gint64             time,
                                 int                days)
{
  int offset = ow_zone_table_offset (table, time);
  gint64 local = time + offset;
  gint64 day = floor_div (local, DAY);
  gint64 second = local - day * DAY;
  int step = days < 0 ? -1 : 1;
  int left = ABS (days);

  /* Any seven calendar days hold five business days. */
  while (left > 5)
    {
      day += 7 * step;
      left -= 5;
    }
  while (left > 0)
    {
      int wd;

      day += step;
      wd = weekday (day);
      if (wd != 0 && wd != 6)
        left--;
    }

  return ow_zone_table_local_to_utc (table, day * DAY + second, offset);
}
