/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ow-error.h"
#include "ow-tracking-number.h"
#include "ow-tracking-provider.h"

/* Check digits worked out by hand with the UPU S10 weights 8 6 4 2 3 5 9 7. */
static void
test_check_digit (void)
{
  static const struct { const char *digits; int check; } cases[] = {
    { "12345678", 5 },   /* sum 204, 204 mod 11 = 6, 11 - 6 = 5 */
    { "47312482", 9 },
    { "10000000", 3 },
    { "20000000", 6 },
    { "00000010", 2 },
    { "00025851", 0 },   /* sum mod 11 = 1: 11 - 1 = 10 -> 0 */
    { "00000000", 5 },   /* sum mod 11 = 0: 11 - 0 = 11 -> 5 */
    { "11111111", 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ow_tracking_number_s10_check_digit (cases[i].digits), ==, cases[i].check);

  g_assert_cmpint (ow_tracking_number_s10_check_digit ("1234567"), ==, -1);
  g_assert_cmpint (ow_tracking_number_s10_check_digit ("1234X678"), ==, -1);
}

static void
test_validate (void)
{
  static const struct { const char *number; gboolean valid; } cases[] = {
    { "RR123456785CN", TRUE },
    { "RR123456784CN", FALSE },          /* one off */
    { "LX473124829CN", TRUE },
    { "LX473124828CN", FALSE },
    { "RB000258510SG", TRUE },           /* check digit 10 -> 0 */
    { "RB000258511SG", FALSE },
    { "EE000000005US", TRUE },           /* check digit 11 -> 5 */
    { "EE000000000US", FALSE },
    { "AE010698498", TRUE },             /* AliExpress Standard Shipping */
    { "UZ0556033196Y", TRUE },
    { "LP00123456789012", TRUE },
    { "1Z2617V10397725789", TRUE },      /* UPS: no S10 rule */
    { "ABC12", FALSE },                  /* too short */
    { "RR12345678$CN", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = ow_tracking_number_validate (cases[i].number, &error);

      if (cases[i].valid)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
          /* The message names the field and the number. */
          g_assert_nonnull (strstr (error->message, cases[i].number));
        }
      g_assert_cmpint (valid, ==, cases[i].valid);
    }
}

static void
test_wrong_check_digit_message (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ow_tracking_number_validate ("RR123456784CN", &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  /* The user is told which digit is expected. */
  g_assert_nonnull (strstr (error->message, "5"));
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ow_tracking_number_validate ("", &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_MISSING);
}

static void
test_normalize (void)
{
  g_autofree char *a = ow_tracking_number_normalize (" rr 123-456.785 cn\t");
  g_autofree char *b = ow_tracking_number_normalize ("ae010698498");

  g_assert_cmpstr (a, ==, "RR123456785CN");
  g_assert_cmpstr (b, ==, "AE010698498");
  g_assert_null (ow_tracking_number_normalize (NULL));
}

static void
test_classify (void)
{
  g_assert_cmpint (ow_tracking_number_classify ("RR123456785CN"), ==, OW_TRACKING_NUMBER_S10);
  g_assert_cmpint (ow_tracking_number_classify ("AE010698498"), ==, OW_TRACKING_NUMBER_CAINIAO);
  g_assert_cmpint (ow_tracking_number_classify ("LP00123456789012"), ==,
                   OW_TRACKING_NUMBER_CAINIAO);
  g_assert_cmpint (ow_tracking_number_classify ("UZ0556033196Y"), ==,
                   OW_TRACKING_NUMBER_CAINIAO);
  g_assert_cmpint (ow_tracking_number_classify ("1Z2617V10397725789"), ==,
                   OW_TRACKING_NUMBER_OTHER);
  /* "AE" followed by letters is not an AliExpress number. */
  g_assert_cmpint (ow_tracking_number_classify ("AEXYZ12345"), ==, OW_TRACKING_NUMBER_OTHER);
}

static void
test_guess_provider (void)
{
  static const struct
  {
    const char *number;
    const char *marketplace;
    gboolean    key;
    const char *provider;
  } cases[] = {
    { "AE010698498", "aliexpress", FALSE, OW_PROVIDER_CAINIAO },
    { "AE010698498", "ebay", TRUE, OW_PROVIDER_CAINIAO },
    { "LP00123456789012", "aliexpress", TRUE, OW_PROVIDER_CAINIAO },
    { "UZ0556033196Y", "aliexpress", TRUE, OW_PROVIDER_CAINIAO },
    { "RR123456785CN", "aliexpress", TRUE, OW_PROVIDER_CAINIAO },   /* S10 on AliExpress */
    { "RR123456785CN", "ebay", TRUE, OW_PROVIDER_17TRACK },
    { "RR123456785CN", "ebay", FALSE, NULL },
    { "1Z2617V10397725789", "amazon", TRUE, OW_PROVIDER_17TRACK },
    { "1Z2617V10397725789", "amazon", FALSE, NULL },
    { "1Z2617V10397725789", "aliexpress", FALSE, OW_PROVIDER_CAINIAO },
    { "1Z2617V10397725789", "aliexpress", TRUE, OW_PROVIDER_17TRACK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (ow_tracking_number_guess_provider (cases[i].number, cases[i].marketplace,
                                                        cases[i].key), ==, cases[i].provider);
}

static void
test_provider_names (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (ow_tracking_provider_name_parse ("Cainiao", NULL), ==, OW_PROVIDER_CAINIAO);
  g_assert_cmpstr (ow_tracking_provider_name_parse ("17TRACK", NULL), ==, OW_PROVIDER_17TRACK);
  g_assert_null (ow_tracking_provider_name_parse ("dhl", &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "dhl"));
}

static void
test_status_names (void)
{
  for (OwTrackingStatus s = 0; s < OW_N_TRACKING_STATUSES; s++)
    {
      OwTrackingStatus back = OW_N_TRACKING_STATUSES;

      g_assert_true (ow_tracking_status_from_string (ow_tracking_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (ow_tracking_status_label (s));
    }
  g_assert_cmpstr (ow_tracking_status_to_string (OW_TRACKING_STATUS_OUT_FOR_DELIVERY), ==,
                   "OutForDelivery");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/tracking/number/s10-check-digit", test_check_digit);
  g_test_add_func ("/core/tracking/number/validate", test_validate);
  g_test_add_func ("/core/tracking/number/check-digit-message", test_wrong_check_digit_message);
  g_test_add_func ("/core/tracking/number/empty", test_empty);
  g_test_add_func ("/core/tracking/number/normalize", test_normalize);
  g_test_add_func ("/core/tracking/number/classify", test_classify);
  g_test_add_func ("/core/tracking/number/guess-provider", test_guess_provider);
  g_test_add_func ("/core/tracking/number/provider-names", test_provider_names);
  g_test_add_func ("/core/tracking/number/status-names", test_status_names);

  return g_test_run ();
}
