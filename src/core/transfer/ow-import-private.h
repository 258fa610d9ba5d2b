/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the CSV and JSON readers. */
#pragma once

#include "ow-json-values.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* Parses in place in a private copy of the input: a field is unquoted by moving its bytes
 * left and ends with a NUL where its delimiter was, so no field is copied again. */
typedef struct
{
  char       *p;
  char       *end;       /* one byte past the input; writable (the copy has a spare byte) */
  guint       line;      /* the physical line @p is on */
  GPtrArray  *fields;    /* (element-type char*) the current record's fields, in the copy */
  char        delimiter; /* ',' or '\t' */
} OwCsvReader;

/* Reads one record (RFC 4180, also accepting bare LF line ends). Returns FALSE at the end of
 * the input; sets @error only for an unterminated quoted field. */
gboolean    ow_csv_read_record             (OwCsvReader  *reader,
                                            guint        *record_line,
                                            GError      **error);

/* @message without a leading "@field: ", which the shared parsers (ow_time_parse,
 * ow_money_parse) put first; the readers say where the problem is their own way. */
const char *ow_import_without_field_prefix (const char *message,
                                            const char *field);

/* Fails with the first of @errors (element-type utf8), saying how many more of the @n_bad
 * rows (or mails, with @mails) do not read. */
void        ow_import_fail_with_first      (GError          **error,
                                            GPtrArray        *errors,
                                            guint             n_bad,
                                            gboolean          mails);
/* Reads and checks one order of a JSON export, the root object of @values, into @order (new,
 * empty) and @records (nullable: parcels and the rest are then not read); @index is its place
 * in the file, for messages. FALSE with an OW_INPUT_ERROR naming the order and the field. */
gboolean    ow_import_json_read_order      (OwJsonValues     *values,
                                            guint             index,
                                            OwPolicyRegistry *policies,
                                            OwOrder          *order,
                                            OwOrderRecords   *records,
                                            GError          **error);

G_END_DECLS
