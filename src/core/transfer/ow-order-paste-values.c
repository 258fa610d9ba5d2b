/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Amounts and dates as marketplaces print them, for the paste parser and the editor's fields. */
#include "config.h"

#include <string.h>

#include "ow-money.h"
#include "ow-order-paste.h"
#include "ow-order-paste-private.h"

/* ---- Spaces ---- */

gboolean
ow_paste_is_space_char (gunichar c)
{
  return c == ' ' || c == 0xa0 || c == 0x3000 || c == 0x202f || c == 0x205f ||
         (c >= 0x2000 && c <= 0x200a);
}

gboolean
ow_paste_is_invisible_char (gunichar c)
{
  return c == 0x200b || c == 0x200c || c == 0x200d || c == 0x200e || c == 0x200f ||
         c == 0x2060 || c == 0xfeff || c == 0xad;
}

/* One line with every kind of space made a plain one, for values typed into a field. */
char *
ow_paste_flatten_spaces (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (ow_paste_is_invisible_char (c))
        continue;
      if (ow_paste_is_space_char (c) || c == '\t' || c == '\n' || c == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* ---- Amounts ---- */

typedef struct
{
  const char *marker;
  const char *code;
} CurrencyMarker;

/* More specific markers first: "US $" before "$". */
static const CurrencyMarker currency_markers[] = {
  { "US $", "USD" }, { "US$", "USD" }, { "CA $", "CAD" }, { "CA$", "CAD" }, { "C$", "CAD" },
  { "AU $", "AUD" }, { "AU$", "AUD" }, { "A$", "AUD" }, { "NZ $", "NZD" }, { "NZ$", "NZD" },
  { "MX $", "MXN" }, { "MX$", "MXN" }, { "HK$", "HKD" }, { "S$", "SGD" }, { "R$", "BRL" },
  { "€", "EUR" }, { "£", "GBP" }, { "₽", "RUB" }, { "руб.", "RUB" }, { "руб", "RUB" },
  { "zł", "PLN" }, { "₴", "UAH" }, { "₩", "KRW" }, { "₹", "INR" }, { "₺", "TRY" },
  { "₪", "ILS" }, { "Kč", "CZK" }, { "JP¥", "JPY" }, { "CN¥", "CNY" }, { "¥", "JPY" },
  { "$", "USD" },
};

/* Codes written out as words; a list, so "2 PCS" is not an amount. */
static const char iso_codes[] =
  "AED ARS AUD BGN BRL CAD CHF CLP CNY COP CZK DKK EUR GBP HKD HUF IDR ILS INR JPY KRW KZT "
  "MAD MXN MYR NOK NZD PEN PHP PLN RON RUB SAR SEK SGD THB TRY TWD UAH USD VND ZAR ";

static gboolean
is_iso_code (const char *s,
             gsize       len)
{
  char code[5] = { 0 };

  if (len != 3)
    return FALSE;
  memcpy (code, s, 3);
  code[3] = ' ';
  return strstr (iso_codes, code) != NULL && (strstr (iso_codes, code) - iso_codes) % 4 == 0;
}

/* The currency written just before @end ("US $", "RUB "), looking back to @start. */
static const char *
currency_before (const char *start,
                 const char *end)
{
  const char *word;

  while (end > start && end[-1] == ' ')
    end--;
  for (guint i = 0; i < G_N_ELEMENTS (currency_markers); i++)
    {
      gsize n = strlen (currency_markers[i].marker);

      if ((gsize) (end - start) >= n && memcmp (end - n, currency_markers[i].marker, n) == 0)
        return currency_markers[i].code;
    }
  for (word = end; word > start && g_ascii_isalpha (word[-1]); word--)
    ;
  if (is_iso_code (word, end - word))
    {
      char code[4] = { word[0], word[1], word[2], '\0' };

      return g_intern_string (code);
    }
  return NULL;
}

static const char *
currency_after (const char *p)
{
  gsize len = 0;

  while (*p == ' ')
    p++;
  for (guint i = 0; i < G_N_ELEMENTS (currency_markers); i++)
    if (g_str_has_prefix (p, currency_markers[i].marker))
      return currency_markers[i].code;
  while (g_ascii_isalpha (p[len]))
    len++;
  if (is_iso_code (p, len))
    {
      char code[4] = { p[0], p[1], p[2], '\0' };

      return g_intern_string (code);
    }
  return NULL;
}

/* Reads "1 234,50", "1,234.56", "12.50" from @p; returns the end. @groups gets the digit
 * groups, @seps the separator before each group after the first. */
static const char *
scan_number (const char *p,
             GPtrArray  *groups,
             GString    *seps)
{
  const char *start = p;

  while (g_ascii_isdigit (*p))
    p++;
  g_ptr_array_add (groups, g_strndup (start, p - start));

  for (;;)
    {
      /* Only past a separator, and digit by digit: the text may end anywhere after it. */
      gboolean group_of_three = (*p == ' ' || *p == '\'') && g_ascii_isdigit (p[1]) &&
                                g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) &&
                                !g_ascii_isdigit (p[4]);

      if (((*p == ',' || *p == '.') && g_ascii_isdigit (p[1])) || group_of_three)
        {
          g_string_append_c (seps, *p);
          start = ++p;
          while (g_ascii_isdigit (*p))
            p++;
          g_ptr_array_add (groups, g_strndup (start, p - start));
        }
      else
        return p;
    }
}

/* Joins the groups into "1234.50", deciding which separator is the decimal point. */
static char *
number_to_decimal (GPtrArray  *groups,
                   GString    *seps,
                   const char *currency)
{
  g_autoptr(GString) out = g_string_new (NULL);
  int exponent = ow_currency_exponent (currency);
  gsize n = seps->len;
  gboolean decimal = FALSE;

  if (n > 0)
    {
      char last = seps->str[n - 1];
      gsize last_len = strlen (g_ptr_array_index (groups, n));
      gboolean repeated = memchr (seps->str, last, n - 1) != NULL;
      gboolean mixed = FALSE;

      for (gsize i = 0; i + 1 < n; i++)
        mixed |= seps->str[i] != last;

      if (last == ',' || last == '.')
        {
          if (mixed && !repeated)
            decimal = TRUE;
          else if (!repeated)
            decimal = last_len != 3 || exponent == 3;
        }
      /* Thousands groups must have three digits. */
      for (gsize i = 1; i < (decimal ? n : n + 1); i++)
        if (strlen (g_ptr_array_index (groups, i)) != 3)
          return NULL;
    }

  for (gsize i = 0; i <= n; i++)
    {
      if (decimal && i == n)
        g_string_append_c (out, '.');
      g_string_append (out, g_ptr_array_index (groups, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
ow_paste_parse_amount (const char *text,
                       gint64     *amount_minor,
                       char        currency[4])
{
  g_autofree char *clean = NULL;
  const char *p;

  g_return_val_if_fail (amount_minor != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  clean = ow_paste_flatten_spaces (text);

  for (p = clean; *p != '\0'; p++)
    {
      g_autoptr(GPtrArray) groups = NULL;
      g_autoptr(GString) seps = NULL;
      g_autofree char *decimal = NULL;
      const char *code;
      const char *end;
      gint64 minor;

      if (!g_ascii_isdigit (*p) || (p > clean && (g_ascii_isdigit (p[-1]) || p[-1] == '.' ||
                                                   p[-1] == ',' || p[-1] == '-')))
        continue;

      groups = g_ptr_array_new_with_free_func (g_free);
      seps = g_string_new (NULL);
      end = scan_number (p, groups, seps);
      code = currency_before (clean, p);
      if (code == NULL)
        code = currency_after (end);
      if (code == NULL || !ow_currency_is_valid (code))
        {
          p = end - 1;
          continue;
        }
      decimal = number_to_decimal (groups, seps, code);
      if (decimal == NULL || !ow_money_parse (decimal, code, &minor, NULL))
        {
          p = end - 1;
          continue;
        }
      *amount_minor = minor;
      memcpy (currency, code, 4);
      return TRUE;
    }
  return FALSE;
}

/* ---- Dates ---- */

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december",
};

/* Reads 1 to @max digits; returns the count. */
static int
read_int (const char **p,
          int          max,
          int         *value)
{
  int n = 0;

  *value = 0;
  while (n < max && g_ascii_isdigit (**p))
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  if (g_ascii_isdigit (**p))
    return 0;
  return n;
}

/* "Nov", "Nov.", "November", "Sept": the month 1-12, or 0. */
static int
read_month (const char **p)
{
  const char *s = *p;
  gsize len = 0;

  while (g_ascii_isalpha (s[len]))
    len++;
  if (len < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (len <= strlen (month_names[i]) && g_ascii_strncasecmp (s, month_names[i], len) == 0)
      {
        *p = s + len;
        if (**p == '.')
          (*p)++;
        return i + 1;
      }
  return 0;
}

static void
skip_chars (const char **p,
            const char  *chars)
{
  while (**p != '\0' && strchr (chars, **p) != NULL)
    (*p)++;
}

/* The date part at @p: ISO, day.month.year, day month year, month day year. */
static gboolean
read_date (const char  *p,
           OwPasteDate *date,
           const char **end)
{
  int a, b, c, n;
  char sep;

  if (g_ascii_isalpha (*p))
    {
      /* "Nov 1, 2026", "November 1st 2026" */
      if ((b = read_month (&p)) == 0)
        return FALSE;
      skip_chars (&p, " -");
      if (read_int (&p, 2, &a) == 0)
        return FALSE;
      if (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0 ||
          g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0)
        p += 2;
      skip_chars (&p, " ,-");
      if (read_int (&p, 4, &c) != 4)
        return FALSE;
      date->year = c, date->month = b, date->day = a;
      *end = p;
      return TRUE;
    }

  n = read_int (&p, 4, &a);
  if (n == 4)
    {
      /* 2026-11-01, 2026/11/01, 2026.11.01 */
      sep = *p;
      if (sep != '-' && sep != '/' && sep != '.')
        return FALSE;
      p++;
      if (read_int (&p, 2, &b) == 0 || *p != sep)
        return FALSE;
      p++;
      if (read_int (&p, 2, &c) == 0)
        return FALSE;
      date->year = a, date->month = b, date->day = c;
      *end = p;
      return TRUE;
    }
  if (n == 0)
    return FALSE;

  sep = *p;
  if (sep == '.' || sep == '/')
    {
      /* 1.11.2026; 01/11/2026 only when the day cannot be mistaken for the month */
      p++;
      if (read_int (&p, 2, &b) == 0 || *p != sep)
        return FALSE;
      p++;
      if (read_int (&p, 4, &c) != 4)
        return FALSE;
      if (sep == '/')
        {
          if (a <= 12 && b <= 12 && a != b)
            return FALSE;
          if (a <= 12 && b > 12)
            {
              int t = a;

              a = b, b = t;
            }
        }
      date->year = c, date->month = b, date->day = a;
      *end = p;
      return TRUE;
    }

  /* "01 Nov 2026", "1-Nov-2026", "1 November, 2026" */
  skip_chars (&p, " -");
  if ((b = read_month (&p)) == 0)
    return FALSE;
  skip_chars (&p, " ,-");
  if (read_int (&p, 4, &c) != 4)
    return FALSE;
  date->year = c, date->month = b, date->day = a;
  *end = p;
  return TRUE;
}

typedef struct
{
  const char *name;
  int         offset_minutes;
} ZoneName;

static const ZoneName zone_names[] = {
  { "PST", -480 }, { "PDT", -420 }, { "MST", -420 }, { "MDT", -360 }, { "EST", -300 },
  { "EDT", -240 }, { "CET", 60 }, { "CEST", 120 }, { "MSK", 180 }, { "BST", 60 },
};

/* "Z", "+08:00", "+0800", "GMT+8", "UTC-07:00", "PST" after a time. */
static void
read_zone (const char  *p,
           OwPasteDate *date)
{
  int hours = 0, minutes = 0, sign;

  if (*p == 'Z' && !g_ascii_isalpha (p[1]))
    {
      date->has_offset = TRUE;
      date->offset_minutes = 0;
      return;
    }
  skip_chars (&p, " ");
  for (guint i = 0; i < G_N_ELEMENTS (zone_names); i++)
    {
      gsize n = strlen (zone_names[i].name);

      if (strncmp (p, zone_names[i].name, n) == 0 && !g_ascii_isalpha (p[n]))
        {
          date->has_offset = TRUE;
          date->offset_minutes = zone_names[i].offset_minutes;
          return;
        }
    }
  if (strncmp (p, "GMT", 3) == 0 || strncmp (p, "UTC", 3) == 0)
    {
      p += 3;
      date->has_offset = TRUE;
      date->offset_minutes = 0;
      if (*p != '+' && *p != '-')
        return;
    }
  if (*p != '+' && *p != '-')
    return;
  sign = *p == '-' ? -1 : 1;
  p++;
  if (read_int (&p, 2, &hours) == 0)
    {
      /* "+0800" */
      if (read_int (&p, 4, &hours) != 4)
        return;
      minutes = hours % 100;
      hours /= 100;
    }
  else if (*p == ':')
    {
      p++;
      read_int (&p, 2, &minutes);
    }
  if (hours > 14 || minutes > 59)
    return;
  date->has_offset = TRUE;
  date->offset_minutes = sign * (hours * 60 + minutes);
}

/* An optional time after the date: " 10:00", ", 10:00:15 AM", "T10:00:00Z", " at 9:05 pm". */
static void
read_time (const char  *p,
           OwPasteDate *date)
{
  int h, m, s = 0;

  skip_chars (&p, " ,");
  if (g_ascii_strncasecmp (p, "at ", 3) == 0)
    p += 3;
  else if (*p == 'T')
    p++;
  if (read_int (&p, 2, &h) == 0 || *p != ':')
    return;
  p++;
  if (read_int (&p, 2, &m) != 2)
    return;
  if (*p == ':')
    {
      p++;
      if (read_int (&p, 2, &s) != 2)
        return;
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      ;

  skip_chars (&p, " ");
  if ((g_ascii_tolower (p[0]) == 'a' || g_ascii_tolower (p[0]) == 'p') &&
      (g_ascii_tolower (p[1]) == 'm' || (p[1] == '.' && g_ascii_tolower (p[2]) == 'm')))
    {
      gboolean pm = g_ascii_tolower (p[0]) == 'p';

      if (h < 1 || h > 12)
        return;
      h = h % 12 + (pm ? 12 : 0);
      p += p[1] == '.' ? 3 : 2;
      if (*p == '.')
        p++;
    }
  if (h > 23 || m > 59 || s > 59)
    return;

  date->hour = h, date->minute = m, date->second = s;
  date->has_time = TRUE;
  read_zone (p, date);
}

gboolean
ow_paste_parse_date (const char  *text,
                     OwPasteDate *date)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  clean = ow_paste_flatten_spaces (text);

  /* Try at every word start, so "Sat, Nov 1, 2026" and "on 1.11.2026" read too. */
  for (const char *p = clean; *p != '\0'; p++)
    {
      OwPasteDate d = { 0 };
      const char *end = NULL;

      if (!g_ascii_isalnum (*p) || (p > clean && g_ascii_isalnum (p[-1])))
        continue;
      if (!read_date (p, &d, &end))
        continue;
      if (d.year < 1970 || d.year > 2200 || !g_date_valid_dmy (d.day, d.month, d.year))
        continue;
      read_time (end, &d);
      *date = d;
      return TRUE;
    }
  return FALSE;
}

gint64
ow_paste_date_to_unix (const OwPasteDate *date,
                       GTimeZone         *zone)
{
  g_autoptr(GTimeZone) fixed = NULL;
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (date != NULL, OW_TIME_UNSET);

  if (date->has_offset)
    zone = fixed = g_time_zone_new_offset (date->offset_minutes * 60);
  else if (zone == NULL)
    zone = fixed = g_time_zone_new_utc ();

  dt = g_date_time_new (zone, date->year, date->month, date->day,
                        date->hour, date->minute, date->second);
  return dt != NULL ? g_date_time_to_unix (dt) : OW_TIME_UNSET;
}

gint64
ow_paste_date_to_unix_for (const OwPasteDate *date,
                           GTimeZone         *user_zone,
                           GTimeZone         *market_zone)
{
  g_return_val_if_fail (date != NULL, OW_TIME_UNSET);

  /* As the command line and import read a date alone: midnight where the marketplace
   * counts its days. */
  return ow_paste_date_to_unix (date, date->has_time ? user_zone : market_zone);
}
