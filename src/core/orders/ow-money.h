/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A currency of ISO 4217's list (USD, EUR, JPY...), in capitals; "XYZ" is not one. */
gboolean  ow_currency_is_valid       (const char  *currency);
/* Digits after the decimal point: 2 for USD, 0 for JPY, 3 for KWD (2 for an unknown code). */
int       ow_currency_exponent       (const char  *currency);
/* "4.99" in USD is 499. Rejects more decimals than the currency has. */
gboolean  ow_money_parse             (const char  *text,
                                      const char  *currency,
                                      gint64      *minor,
                                      GError     **error);
/* "4.99": the plain decimal form used by the CLI, JSON and CSV. */
char     *ow_money_to_decimal        (gint64       minor,
                                      const char  *currency);
/* "4.99", or "4,99" where the locale writes a decimal comma (es, ru): the number for people. */
char     *ow_money_to_locale_decimal (gint64       minor,
                                      const char  *currency);
/* "4.99 USD" for people, with the locale's decimal separator. */
char     *ow_money_format            (gint64       minor,
                                      const char  *currency);

G_END_DECLS
