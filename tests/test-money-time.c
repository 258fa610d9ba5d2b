/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Instants, durations and amounts: the parsing and formatting every other part relies on. */
#include "config.h"

#include <locale.h>

#include "ow-error.h"
#include "ow-money.h"
#include "ow-time.h"

static void
test_time_parse (void)
{
  GTimeZone *pacific = ow_time_zone_get ("America/Los_Angeles");
  struct { const char *text; GTimeZone *zone; gint64 expected; } good[] = {
    { "2026-11-01T10:00:00Z", NULL, 1793527200 },
    { "2026-11-01T10:00:00Z", pacific, 1793527200 },
    { "2026-11-01T12:00:00+02:00", pacific, 1793527200 },
    /* A date alone is midnight in the zone (PDT that night), UTC without one. */
    { "2026-11-01", pacific, 1793516400 },
    { "2026-11-01", NULL, 1793491200 },
    /* No offset: read in the zone; 03:00 is after the fall-back, so PST. */
    { "2026-11-01T03:00:00", pacific, 1793530800 },
  };
  const char *bad[] = { "2026-02-30", "yesterday", "", "2026-13-01", "2026-11-01T25:00:00Z",
                        NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t = 0;

      g_assert_true (ow_time_parse (good[i].text, good[i].zone, "paid", &t, &error));
      g_assert_no_error (error);
      g_assert_cmpint (t, ==, good[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t = 42;

      g_assert_false (ow_time_parse (bad[i], pacific, "shipped", &t, &error));
      g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "shipped: "));
      g_assert_cmpint (t, ==, 42);
    }
}

static void
test_time_format (void)
{
  g_autofree char *epoch = ow_time_format_iso_utc (0);
  g_autofree char *iso = ow_time_format_iso_utc (1794132000);
  g_autofree char *pacific = ow_time_format_local (1794132000,
                                                   ow_time_zone_get ("America/Los_Angeles"));
  g_autofree char *summer = ow_time_format_local (1793527200 - 86400,
                                                  ow_time_zone_get ("America/Los_Angeles"));
  g_autofree char *utc = ow_time_format_local (1794132000, ow_time_zone_get ("UTC"));

  g_assert_cmpstr (epoch, ==, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (iso, ==, "2026-11-08T10:00:00Z");
  g_assert_cmpstr (pacific, ==, "2026-11-08 02:00 PST");
  g_assert_cmpstr (summer, ==, "2026-10-31 03:00 PDT");
  g_assert_cmpstr (utc, ==, "2026-11-08 10:00 UTC");
  g_assert_null (ow_time_format_iso_utc (OW_TIME_UNSET));
  g_assert_null (ow_time_format_local (OW_TIME_UNSET, NULL));

  /* Round trip through the parser. */
  for (gint64 t = 0; t < G_GINT64_CONSTANT (4102444800); t += 86400 * 97 + 3607)
    {
      g_autofree char *text = ow_time_format_iso_utc (t);
      gint64 back = 0;

      g_assert_true (ow_time_parse (text, NULL, "t", &back, NULL));
      g_assert_cmpint (back, ==, t);
    }
}

static void
test_duration_parse (void)
{
  struct { const char *text; gint64 seconds; } good[] = {
    { "90m", 5400 }, { "36h", 129600 }, { "3d", 259200 }, { "2w", 1209600 },
    { "5", 432000 }, { "0m", 0 }, { "36500d", G_GINT64_CONSTANT (36500) * 86400 },
  };
  const char *bad[] = { "", "3x", "-1d", "d", "3 d", "3d ", "1.5h", "36501d",
                        "99999999999999999999d", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 seconds = -1;

      g_assert_true (ow_duration_parse (good[i].text, "remind", &seconds, &error));
      g_assert_no_error (error);
      g_assert_cmpint (seconds, ==, good[i].seconds);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 seconds = -1;

      g_assert_false (ow_duration_parse (bad[i], "remind", &seconds, &error));
      g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "remind: "));
      g_assert_cmpint (seconds, ==, -1);
    }
}

static void
test_duration_format (void)
{
  /* In turn: the same words again, then words that differ in one number or unit only. */
  struct { gint64 seconds; const char *text; } rows[] = {
    { 3 * 86400 + 4 * 3600, "3 days 4 hours" },
    { 3 * 86400 + 4 * 3600 + 59 * 60, "3 days 4 hours" },
    { 3 * 86400 + 5 * 3600, "3 days 5 hours" },
    { 3 * 86400 + 59 * 60, "3 days" },
    { 3 * 3600, "3 hours" },
    { 3 * 3600 + 5 * 60, "3 hours 5 minutes" },
    { 3 * 86400 + 4 * 3600, "3 days 4 hours" },
    { 20 * 3600, "20 hours" },
    { 45 * 60, "45 minutes" },
    { 86400, "1 day" },
    { 86400 + 5 * 60, "1 day" },
    { 2 * 3600 + 60, "2 hours 1 minute" },
    { 3600 + 59, "1 hour" },
    { 61, "1 minute" },
    { 30, "30 seconds" },
    { 1, "1 second" },
    { 0, "0 minutes" },
    { -3600, "1 hour" },
    { 400 * 86400 + 23 * 3600, "400 days 23 hours" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = ow_duration_format (rows[i].seconds);

      g_assert_cmpstr (text, ==, rows[i].text);
    }
}

static void
test_time_zone_cache (void)
{
  GTimeZone *a = ow_time_zone_get ("Europe/Paris");
  GTimeZone *b = ow_time_zone_get ("Europe/Paris");

  g_assert_nonnull (a);
  g_assert_true (a == b);
  g_assert_cmpstr (g_time_zone_get_identifier (a), ==, "Europe/Paris");
  g_assert_null (ow_time_zone_get ("Nowhere/Atlantis"));
}

static void
test_currency (void)
{
  g_assert_true (ow_currency_is_valid ("USD"));
  g_assert_true (ow_currency_is_valid ("JPY"));
  g_assert_false (ow_currency_is_valid ("usd"));
  g_assert_false (ow_currency_is_valid ("US"));
  g_assert_false (ow_currency_is_valid ("USDD"));
  g_assert_false (ow_currency_is_valid ("U5D"));
  g_assert_false (ow_currency_is_valid (""));
  g_assert_false (ow_currency_is_valid (NULL));
  /* Three capitals are not enough: ISO 4217's list. */
  g_assert_false (ow_currency_is_valid ("XYZ"));
  g_assert_false (ow_currency_is_valid ("ABC"));
  g_assert_false (ow_currency_is_valid ("XAU"));
  g_assert_true (ow_currency_is_valid ("UAH"));
  g_assert_true (ow_currency_is_valid ("ZAR"));
  g_assert_true (ow_currency_is_valid ("AED"));

  g_assert_cmpint (ow_currency_exponent ("USD"), ==, 2);
  g_assert_cmpint (ow_currency_exponent ("EUR"), ==, 2);
  g_assert_cmpint (ow_currency_exponent ("JPY"), ==, 0);
  g_assert_cmpint (ow_currency_exponent ("KRW"), ==, 0);
  g_assert_cmpint (ow_currency_exponent ("KWD"), ==, 3);
  g_assert_cmpint (ow_currency_exponent (NULL), ==, 2);
  g_assert_cmpint (ow_currency_exponent ("CLF"), ==, 4);
  g_assert_cmpint (ow_currency_exponent ("ISK"), ==, 0);
}

static void
test_money_parse (void)
{
  struct { const char *text, *currency; gint64 minor; } good[] = {
    { "4.99", "USD", 499 }, { "4", "USD", 400 }, { "4.9", "USD", 490 }, { "0.01", "USD", 1 },
    { "0", "EUR", 0 }, { "500", "JPY", 500 }, { "1.234", "KWD", 1234 }, { "1.2", "KWD", 1200 },
    { "123456789.12", "USD", G_GINT64_CONSTANT (12345678912) },
  };
  struct { const char *text, *currency; } bad[] = {
    { "", "USD" }, { "4.", "USD" }, { ".5", "USD" }, { "4,99", "USD" }, { "-4.99", "USD" },
    { "4.999", "USD" }, { "abc", "USD" }, { NULL, "USD" }, { "4.9", "JPY" },
    { "99999999999999999999", "USD" }, { "4.99 ", "USD" }, { "1.2345", "KWD" },
    /* More decimals than a gint64 holds: signed overflow (UBSan) before they were refused. */
    { "0.99999999999999999999", "USD" }, { "1.00000000000000000000000001", "KWD" },
    { "7.99999999999999999999999999999", "JPY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_assert_true (ow_money_parse (good[i].text, good[i].currency, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, good[i].minor);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_assert_false (ow_money_parse (bad[i].text, bad[i].currency, &minor, &error));
      g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "amount: "));
      g_assert_cmpint (minor, ==, -1);
    }

  /* Too many decimals: the message says how many the currency takes. */
  {
    g_autoptr(GError) error = NULL;
    gint64 minor;

    g_assert_false (ow_money_parse ("4.9", "JPY", &minor, &error));
    g_assert_cmpstr (error->message, ==, "amount: JPY takes at most 0 decimals");
  }
}

static void
test_money_format (void)
{
  struct { gint64 minor; const char *currency, *decimal; } rows[] = {
    { 499, "USD", "4.99" }, { -499, "USD", "-4.99" }, { -5, "USD", "-0.05" },
    { 0, "USD", "0.00" }, { 500, "JPY", "500" }, { -500, "JPY", "-500" },
    { 1234, "KWD", "1.234" }, { 7, "KWD", "0.007" },
    { G_MAXINT64, "USD", "92233720368547758.07" },
    { G_MININT64, "USD", "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *decimal = ow_money_to_decimal (rows[i].minor, rows[i].currency);
      gint64 back;

      g_assert_cmpstr (decimal, ==, rows[i].decimal);
      /* Non-negative amounts read back to the same minor units. */
      if (rows[i].minor >= 0 && rows[i].minor < G_MAXINT64 / 10000)
        {
          g_assert_true (ow_money_parse (decimal, rows[i].currency, &back, NULL));
          g_assert_cmpint (back, ==, rows[i].minor);
        }
    }

  {
    g_autofree char *text = ow_money_format (499, "USD");
    g_autofree char *yen = ow_money_format (1200, "JPY");

    g_assert_cmpstr (text, ==, "4.99 USD");
    g_assert_cmpstr (yen, ==, "1200 JPY");
  }
}

/* People see the locale's decimal separator; the CLI, JSON and CSV keep the point. */
static void
test_money_format_locale (void)
{
  /* build-aux/dev generates both locales. */
  const char *locales[] = { "es_ES.UTF-8", "ru_RU.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *usd = NULL, *kwd = NULL, *yen = NULL, *plain = NULL, *field = NULL;

      if (setlocale (LC_NUMERIC, locales[i]) == NULL)
        g_error ("The locale %s is missing; run build-aux/dev test to generate it", locales[i]);
      usd = ow_money_format (499, "USD");
      kwd = ow_money_format (-1234, "KWD");
      yen = ow_money_format (1200, "JPY");
      field = ow_money_to_locale_decimal (123456, "EUR");
      plain = ow_money_to_decimal (499, "USD");
      g_assert_cmpstr (usd, ==, "4,99 USD");
      g_assert_cmpstr (kwd, ==, "-1,234 KWD");
      g_assert_cmpstr (yen, ==, "1200 JPY");
      g_assert_cmpstr (field, ==, "1234,56");
      g_assert_cmpstr (plain, ==, "4.99");
    }
  setlocale (LC_NUMERIC, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/time/parse", test_time_parse);
  g_test_add_func ("/core/time/format", test_time_format);
  g_test_add_func ("/core/time/duration-parse", test_duration_parse);
  g_test_add_func ("/core/time/duration-format", test_duration_format);
  g_test_add_func ("/core/time/zone-cache", test_time_zone_cache);
  g_test_add_func ("/core/money/currency", test_currency);
  g_test_add_func ("/core/money/parse", test_money_parse);
  g_test_add_func ("/core/money/format", test_money_format);
  g_test_add_func ("/core/money/format-locale", test_money_format_locale);

  return g_test_run ();
}
