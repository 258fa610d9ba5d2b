/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ow-error.h"
#include "ow-tracking-number.h"
#include "ow-tracking-provider.h"

#define MIN_LENGTH 6
#define MAX_LENGTH 40

char *
ow_tracking_number_normalize (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      /* People paste numbers grouped with spaces or dashes, as carriers print them. */
      if (g_ascii_isspace (*p) || *p == '-' || *p == '.')
        continue;
      g_string_append_c (out, g_ascii_toupper (*p));
    }
  return g_string_free (out, FALSE);
}

int
ow_tracking_number_s10_check_digit (const char *digits)
{
  static const int weights[8] = { 8, 6, 4, 2, 3, 5, 9, 7 };
  int sum = 0;
  int check;

  g_return_val_if_fail (digits != NULL, -1);

  for (guint i = 0; i < 8; i++)
    {
      if (!g_ascii_isdigit (digits[i]))
        return -1;
      sum += (digits[i] - '0') * weights[i];
    }
  check = 11 - sum % 11;
  if (check == 10)
    return 0;
  if (check == 11)
    return 5;
  return check;
}

static gboolean
all_match (const char *text,
           guint       n,
           gboolean  (*pred) (gchar))
{
  for (guint i = 0; i < n; i++)
    if (text[i] == '\0' || !pred (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_upper (gchar c)
{
  return c >= 'A' && c <= 'Z';
}

static gboolean
is_digit (gchar c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_s10_shape (const char *number)
{
  return strlen (number) == 13
         && all_match (number, 2, is_upper)
         && all_match (number + 2, 9, is_digit)
         && all_match (number + 11, 2, is_upper);
}

OwTrackingNumberKind
ow_tracking_number_classify (const char *number)
{
  gsize len;

  g_return_val_if_fail (number != NULL, OW_TRACKING_NUMBER_OTHER);

  len = strlen (number);
  if (is_s10_shape (number))
    return OW_TRACKING_NUMBER_S10;

  /* AliExpress Standard Shipping (AE…), Cainiao logistics orders (LP…). */
  if (len >= 9
      && (g_str_has_prefix (number, "AE") || g_str_has_prefix (number, "LP"))
      && all_match (number + 2, len - 2, is_digit))
    return OW_TRACKING_NUMBER_CAINIAO;

  /* Cainiao's own consolidation numbers: two letters, ten digits, "Y". */
  if (len == 13 && all_match (number, 2, is_upper) && all_match (number + 2, 10, is_digit)
      && number[12] == 'Y')
    return OW_TRACKING_NUMBER_CAINIAO;

  if (g_str_has_prefix (number, "CAINIAO") || g_str_has_prefix (number, "CNG"))
    return OW_TRACKING_NUMBER_CAINIAO;

  return OW_TRACKING_NUMBER_OTHER;
}

gboolean
ow_tracking_number_validate (const char  *number,
                             GError     **error)
{
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (number == NULL || *number == '\0')
    {
      g_set_error_literal (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING,
                           _("Tracking number: enter the number the seller or carrier gave you"));
      return FALSE;
    }

  len = strlen (number);
  if (len < MIN_LENGTH || len > MAX_LENGTH)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                   _("Tracking number “%s”: a tracking number has %d to %d letters and digits"),
                   number, MIN_LENGTH, MAX_LENGTH);
      return FALSE;
    }

  for (const char *p = number; *p != '\0'; p++)
    if (!is_upper (*p) && !is_digit (*p))
      {
        g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                     _("Tracking number “%s”: use only letters and digits"), number);
        return FALSE;
      }

  if (is_s10_shape (number))
    {
      int check = ow_tracking_number_s10_check_digit (number + 2);

      if (number[10] - '0' != check)
        {
          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                       _("Tracking number “%s”: the check digit (the last digit) should be %d; "
                         "check the number for a typing mistake"),
                       number, check);
          return FALSE;
        }
    }

  return TRUE;
}

const char *
ow_tracking_number_guess_provider (const char *number,
                                   const char *marketplace,
                                   gboolean    have_17track_key)
{
  gboolean aliexpress;

  g_return_val_if_fail (number != NULL, NULL);

  aliexpress = marketplace != NULL && g_ascii_strcasecmp (marketplace, "aliexpress") == 0;

  switch (ow_tracking_number_classify (number))
    {
    case OW_TRACKING_NUMBER_CAINIAO:
      return OW_PROVIDER_CAINIAO;
    case OW_TRACKING_NUMBER_S10:
      if (aliexpress)
        return OW_PROVIDER_CAINIAO;
      break;
    case OW_TRACKING_NUMBER_OTHER:
    default:
      break;
    }

  if (have_17track_key)
    return OW_PROVIDER_17TRACK;
  /* Cainiao follows most carriers AliExpress sellers use; it says so when it cannot. */
  if (aliexpress)
    return OW_PROVIDER_CAINIAO;
  return NULL;
}

const char *
ow_tracking_provider_name_parse (const char  *text,
                                 GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text != NULL)
    {
      if (g_ascii_strcasecmp (text, "cainiao") == 0)
        return OW_PROVIDER_CAINIAO;
      if (g_ascii_strcasecmp (text, "17track") == 0
          || g_ascii_strcasecmp (text, "seventeen-track") == 0)
        return OW_PROVIDER_17TRACK;
    }

  g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
               _("Provider “%s”: use “cainiao” or “17track”"), text ? text : "");
  return NULL;
}
