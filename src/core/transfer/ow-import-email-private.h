/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the mail reader (MIME and HTML into text and schema.org items) and the readers
 * of what a mail says (AliExpress's notices, schema.org orders). */
#pragma once

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>

#include "ow-order.h"
#include "ow-store-records.h"
#include "ow-types.h"

G_BEGIN_DECLS

typedef struct
{
  guint      index;        /* 1-based, for messages */
  char      *subject;
  char      *sender;       /* the From address, lower case */
  gint64     date;         /* the Date header, or OW_TIME_UNSET */
  GString   *text;         /* the visible text of its text parts, a line per block */
  GPtrArray *items;        /* (element-type JsonNode) schema.org items, JSON-LD and microdata */
  GPtrArray *labels;       /* (element-type utf8) label, value, label, value...; NULL until read */
  htmlParserCtxtPtr html;  /* the import's, reused */
  guint      n_parts;
} Mail;

/* What one mail says about one order. */
typedef struct
{
  OwOrder        *order;
  OwOrderRecords *records;
} Finding;

typedef struct
{
  OwPolicyRegistry *policies;
  const char       *file;            /* for messages */
  gint64            next_parcel_id;  /* unique across the import: see OwOrderRecords */
  GPtrArray        *orders;
  GPtrArray        *records;
  GPtrArray        *not_understood;  /* (element-type utf8) */
  GPtrArray        *errors;          /* (element-type utf8) order mails that do not read */
  htmlParserCtxtPtr html;
} EmailImport;

#define OW_EMAIL_ALIEXPRESS_SENDER "transaction@notice.aliexpress.com"

/* The last part of a schema.org type: "http://schema.org/Order" -> "Order". */
const char *ow_email_type_name          (const char   *type);
void        ow_email_finding_free       (Finding      *finding);
/* What AliExpress's notice @mail says, or NULL with a reason. */
Finding    *ow_email_read_aliexpress    (EmailImport  *import,
                                         Mail         *mail,
                                         GError      **error);
/* The Orders and ParcelDeliveries of @node (one, an array of them, or an @graph) into
 * @findings (element-type Finding); FALSE with a reason when one does not read. */
gboolean    ow_email_read_schema_node   (EmailImport  *import,
                                         Mail         *mail,
                                         JsonNode     *node,
                                         GPtrArray    *findings,
                                         guint         depth,
                                         GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Finding, ow_email_finding_free)

G_END_DECLS
