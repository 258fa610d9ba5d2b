/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tracking numbers as the user types them: normalized, checked, and given a provider. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OW_TRACKING_NUMBER_OTHER,
  OW_TRACKING_NUMBER_S10,       /* UPU S10: RR123456785CN */
  OW_TRACKING_NUMBER_CAINIAO,   /* AE…, LP…, Cainiao-style (e.g. UZ0556033196Y) */
} OwTrackingNumberKind;

/* Upper case, without spaces, dashes or dots; NULL for NULL. */
char                 *ow_tracking_number_normalize     (const char  *text);
/* The S10 check digit of 8 digits (weights 8 6 4 2 3 5 9 7; 11 - sum mod 11;
 * 10 -> 0, 11 -> 5), or -1 when @digits is not 8 digits. */
int                   ow_tracking_number_s10_check_digit (const char *digits);
/* Classifies a normalized number. */
OwTrackingNumberKind  ow_tracking_number_classify      (const char  *number);
/* Checks a normalized number: 6 to 40 letters and digits; S10-shaped numbers must
 * carry the right check digit. Fails with OW_INPUT_ERROR naming the field. */
gboolean              ow_tracking_number_validate      (const char  *number,
                                                        GError     **error);
/* The provider for @number on an order of @marketplace: Cainiao for AliExpress-style
 * numbers and S10 numbers on AliExpress orders, else 17TRACK when @have_17track_key,
 * else NULL (no service can follow it). */
const char           *ow_tracking_number_guess_provider (const char *number,
                                                        const char  *marketplace,
                                                        gboolean     have_17track_key);
/* Accepts "cainiao", "17track" (any case, "17TRACK", "seventeen-track"); returns the
 * canonical name or NULL with OW_INPUT_ERROR naming the field. */
const char           *ow_tracking_provider_name_parse  (const char  *text,
                                                        GError     **error);

G_END_DECLS
