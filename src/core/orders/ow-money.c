/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <langinfo.h>

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-money.h"

gboolean
ow_currency_is_valid (const char *currency)
{
  if (currency == NULL || strlen (currency) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isupper (currency[i]))
      return FALSE;
  return TRUE;
}

int
ow_currency_exponent (const char *currency)
{
  static const char *zero[] = { "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                                "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF" };
  static const char *three[] = { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

  for (guint i = 0; currency && i < G_N_ELEMENTS (zero); i++)
    if (g_str_equal (currency, zero[i]))
      return 0;
  for (guint i = 0; currency && i < G_N_ELEMENTS (three); i++)
    if (g_str_equal (currency, three[i]))
      return 3;
  return 2;
}

gboolean
ow_money_parse (const char  *text,
                const char  *currency,
                gint64      *minor,
                GError     **error)
{
  int exponent = ow_currency_exponent (currency);
  gint64 whole = 0, fraction = 0;
  int decimals = 0;
  const char *p = text;

  if (p == NULL || !g_ascii_isdigit (*p))
    goto bad;

  for (; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > G_MAXINT64 / 10000)
        goto bad;
    }

  if (*p == '.')
    {
      /* Digits past the currency's are refused below; adding them up would overflow. */
      for (p++; g_ascii_isdigit (*p); p++, decimals++)
        if (decimals < exponent)
          fraction = fraction * 10 + (*p - '0');
      if (decimals == 0)
        goto bad;
    }

  if (*p != '\0')
    goto bad;

  if (decimals > exponent)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "amount: %s takes at most %d decimal",
                                "amount: %s takes at most %d decimals", exponent),
                   currency, exponent);
      return FALSE;
    }

  for (int i = decimals; i < exponent; i++)
    fraction *= 10;
  for (int i = 0; i < exponent; i++)
    whole *= 10;

  *minor = whole + fraction;
  return TRUE;

bad:
  g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
               _("amount: “%s” is not an amount; write digits with an optional decimal point, "
                 "such as 4.99"),
               text ? text : "");
  return FALSE;
}

char *
ow_money_to_decimal (gint64      minor,
                     const char *currency)
{
  int exponent = ow_currency_exponent (currency);
  guint64 scale = 1;
  /* Unsigned, so that G_MININT64 has a magnitude too. */
  guint64 magnitude = minor < 0 ? -(guint64) minor : (guint64) minor;

  for (int i = 0; i < exponent; i++)
    scale *= 10;

  if (exponent == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          minor < 0 ? "-" : "", magnitude / scale, exponent, magnitude % scale);
}

char *
ow_money_to_locale_decimal (gint64      minor,
                            const char *currency)
{
  g_autofree char *decimal = ow_money_to_decimal (minor, currency);
  const char *radix = nl_langinfo (RADIXCHAR);
  g_auto(GStrv) parts = NULL;

  /* LC_NUMERIC, set from the environment by setlocale () in main (), says how to write it. */
  if (radix == NULL || *radix == '\0' || g_str_equal (radix, "."))
    return g_steal_pointer (&decimal);
  parts = g_strsplit (decimal, ".", 2);
  return g_strjoinv (radix, parts);
}

char *
ow_money_format (gint64      minor,
                 const char *currency)
{
  g_autofree char *decimal = ow_money_to_locale_decimal (minor, currency);

  /* Translators: an amount and its ISO 4217 currency code, e.g. "4.99 USD" */
  return g_strdup_printf (C_("money", "%s %s"), decimal, currency);
}
