/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OW_INPUT_ERROR    (ow_input_error_quark ())
#define OW_STORE_ERROR    (ow_store_error_quark ())
#define OW_POLICY_ERROR   (ow_policy_error_quark ())
#define OW_TRACKING_ERROR (ow_tracking_error_quark ())

/* Bad input from the user: the message names the field and the rule. */
typedef enum
{
  OW_INPUT_ERROR_INVALID,
  OW_INPUT_ERROR_MISSING,
  OW_INPUT_ERROR_OUT_OF_RANGE,
  OW_INPUT_ERROR_INCONSISTENT,
  OW_INPUT_ERROR_UNAVAILABLE,    /* the action is not possible in the order's state now */
} OwInputError;

typedef enum
{
  OW_STORE_ERROR_FAILED,
  OW_STORE_ERROR_NOT_FOUND,
  OW_STORE_ERROR_DUPLICATE,
  OW_STORE_ERROR_MIGRATION,
  OW_STORE_ERROR_TOO_NEW,
  OW_STORE_ERROR_FOREIGN,        /* the file belongs to another program */
  OW_STORE_ERROR_CORRUPT,        /* the file fails SQLite's integrity check */
} OwStoreError;

typedef enum
{
  OW_POLICY_ERROR_PARSE,
  OW_POLICY_ERROR_INVALID,
  OW_POLICY_ERROR_UNKNOWN,
} OwPolicyError;

typedef enum
{
  OW_TRACKING_ERROR_NETWORK,
  OW_TRACKING_ERROR_TIMEOUT,
  OW_TRACKING_ERROR_HTTP,
  OW_TRACKING_ERROR_RATE_LIMITED,
  OW_TRACKING_ERROR_BLOCKED,
  OW_TRACKING_ERROR_MALFORMED,
  OW_TRACKING_ERROR_TOO_LARGE,
  OW_TRACKING_ERROR_REJECTED,
  OW_TRACKING_ERROR_QUOTA,
  OW_TRACKING_ERROR_NO_KEY,
  OW_TRACKING_ERROR_INVALID_NUMBER,
  OW_TRACKING_ERROR_INSECURE,      /* the API key would go out unencrypted */
} OwTrackingError;

/* What went wrong reading (@writing FALSE) or writing a file, in a translated sentence for
 * people: "the folder is not yours to write in" rather than GIO's message, which the debug
 * log gets. */
char  *ow_describe_file_error  (const GError *error,
                                gboolean      writing);

GQuark ow_input_error_quark    (void);
GQuark ow_store_error_quark    (void);
GQuark ow_policy_error_quark   (void);
GQuark ow_tracking_error_quark (void);

G_END_DECLS
