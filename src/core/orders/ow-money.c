/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <langinfo.h>

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ow-error.h"
#include "ow-money.h"

typedef struct
{
  char code[4];
  int  exponent;   /* digits after the decimal point */
} Currency;

/* ISO 4217's list of currencies in use (and a few just withdrawn that old orders may carry:
 * HRK, SLL, CUC), with their minor units; sorted by code. Precious metals and fund codes
 * (XAU, XDR...) are not money an order is paid in. */
static const Currency currencies[] = {
  { "AED", 2 }, { "AFN", 2 }, { "ALL", 2 }, { "AMD", 2 }, { "ANG", 2 }, { "AOA", 2 }, { "ARS", 2 },
  { "AUD", 2 }, { "AWG", 2 }, { "AZN", 2 }, { "BAM", 2 }, { "BBD", 2 }, { "BDT", 2 }, { "BGN", 2 },
  { "BHD", 3 }, { "BIF", 0 }, { "BMD", 2 }, { "BND", 2 }, { "BOB", 2 }, { "BOV", 2 }, { "BRL", 2 },
  { "BSD", 2 }, { "BTN", 2 }, { "BWP", 2 }, { "BYN", 2 }, { "BZD", 2 }, { "CAD", 2 }, { "CDF", 2 },
  { "CHE", 2 }, { "CHF", 2 }, { "CHW", 2 }, { "CLF", 4 }, { "CLP", 0 }, { "CNY", 2 }, { "COP", 2 },
  { "COU", 2 }, { "CRC", 2 }, { "CUC", 2 }, { "CUP", 2 }, { "CVE", 2 }, { "CZK", 2 }, { "DJF", 0 },
  { "DKK", 2 }, { "DOP", 2 }, { "DZD", 2 }, { "EGP", 2 }, { "ERN", 2 }, { "ETB", 2 }, { "EUR", 2 },
  { "FJD", 2 }, { "FKP", 2 }, { "GBP", 2 }, { "GEL", 2 }, { "GHS", 2 }, { "GIP", 2 }, { "GMD", 2 },
  { "GNF", 0 }, { "GTQ", 2 }, { "GYD", 2 }, { "HKD", 2 }, { "HNL", 2 }, { "HRK", 2 }, { "HTG", 2 },
  { "HUF", 2 }, { "IDR", 2 }, { "ILS", 2 }, { "INR", 2 }, { "IQD", 3 }, { "IRR", 2 }, { "ISK", 0 },
  { "JMD", 2 }, { "JOD", 3 }, { "JPY", 0 }, { "KES", 2 }, { "KGS", 2 }, { "KHR", 2 }, { "KMF", 0 },
  { "KPW", 2 }, { "KRW", 0 }, { "KWD", 3 }, { "KYD", 2 }, { "KZT", 2 }, { "LAK", 2 }, { "LBP", 2 },
  { "LKR", 2 }, { "LRD", 2 }, { "LSL", 2 }, { "LYD", 3 }, { "MAD", 2 }, { "MDL", 2 }, { "MGA", 2 },
  { "MKD", 2 }, { "MMK", 2 }, { "MNT", 2 }, { "MOP", 2 }, { "MRU", 2 }, { "MUR", 2 }, { "MVR", 2 },
  { "MWK", 2 }, { "MXN", 2 }, { "MXV", 2 }, { "MYR", 2 }, { "MZN", 2 }, { "NAD", 2 }, { "NGN", 2 },
  { "NIO", 2 }, { "NOK", 2 }, { "NPR", 2 }, { "NZD", 2 }, { "OMR", 3 }, { "PAB", 2 }, { "PEN", 2 },
  { "PGK", 2 }, { "PHP", 2 }, { "PKR", 2 }, { "PLN", 2 }, { "PYG", 0 }, { "QAR", 2 }, { "RON", 2 },
  { "RSD", 2 }, { "RUB", 2 }, { "RWF", 0 }, { "SAR", 2 }, { "SBD", 2 }, { "SCR", 2 }, { "SDG", 2 },
  { "SEK", 2 }, { "SGD", 2 }, { "SHP", 2 }, { "SLE", 2 }, { "SLL", 2 }, { "SOS", 2 }, { "SRD", 2 },
  { "SSP", 2 }, { "STN", 2 }, { "SVC", 2 }, { "SYP", 2 }, { "SZL", 2 }, { "THB", 2 }, { "TJS", 2 },
  { "TMT", 2 }, { "TND", 3 }, { "TOP", 2 }, { "TRY", 2 }, { "TTD", 2 }, { "TWD", 2 }, { "TZS", 2 },
  { "UAH", 2 }, { "UGX", 0 }, { "USD", 2 }, { "USN", 2 }, { "UYI", 0 }, { "UYU", 2 }, { "UYW", 4 },
  { "UZS", 2 }, { "VED", 2 }, { "VES", 2 }, { "VND", 0 }, { "VUV", 0 }, { "WST", 2 }, { "XAF", 0 },
  { "XCD", 2 }, { "XOF", 0 }, { "XPF", 0 }, { "YER", 2 }, { "ZAR", 2 }, { "ZMW", 2 }, { "ZWL", 2 },
};

static int
compare_code (const void *key,
              const void *element)
{
  return strcmp (key, ((const Currency *) element)->code);
}

static const Currency *
find_currency (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return NULL;
  return bsearch (code, currencies, G_N_ELEMENTS (currencies), sizeof (Currency), compare_code);
}

gboolean
ow_currency_is_valid (const char *currency)
{
  return find_currency (currency) != NULL;
}

int
ow_currency_exponent (const char *currency)
{
  const Currency *found = find_currency (currency);

  return found != NULL ? found->exponent : 2;
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
