/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the CSV and JSON readers. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @message without a leading "@field: ", which the shared parsers (ow_time_parse,
 * ow_money_parse) put first; the readers say where the problem is their own way. */
const char *ow_import_without_field_prefix (const char *message,
                                            const char *field);

G_END_DECLS
