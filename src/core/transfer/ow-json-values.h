/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One JSON value (an order of an export) as a token stream reports it, kept flat: an array
 * of values in document order and one buffer of their texts, emptied and filled again for
 * each order without freeing anything. Read back by index, with a member's last value
 * winning as in json-glib. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OW_JSON_NULL,
  OW_JSON_BOOLEAN,
  OW_JSON_INTEGER,
  OW_JSON_DOUBLE,
  OW_JSON_STRING,
  OW_JSON_OBJECT,
  OW_JSON_ARRAY,
} OwJsonKind;

/* No such value: a missing member, the end of a container. */
#define OW_JSON_NONE G_MAXUINT

typedef struct _OwJsonValues OwJsonValues;

OwJsonValues *ow_json_values_new         (void);
void          ow_json_values_free        (OwJsonValues *self);
/* Empties it for the next value, keeping its memory. */
void          ow_json_values_clear       (OwJsonValues *self);

/* Building, event by event. A member's name comes before its value; the first value added
 * is the root (index 0). */
void          ow_json_values_set_key     (OwJsonValues *self,
                                          const char   *key,
                                          gsize         length);
void          ow_json_values_add_null    (OwJsonValues *self);
void          ow_json_values_add_boolean (OwJsonValues *self,
                                          gboolean      value);
void          ow_json_values_add_integer (OwJsonValues *self,
                                          gint64        value);
void          ow_json_values_add_double  (OwJsonValues *self,
                                          double        value);
/* Kept up to its first NUL, as json-glib keeps a string. */
void          ow_json_values_add_string  (OwJsonValues *self,
                                          const char   *text,
                                          gsize         length);
void          ow_json_values_open        (OwJsonValues *self,
                                          gboolean      object);
void          ow_json_values_close       (OwJsonValues *self);
/* Containers begun and not yet closed; 0 once the root is whole. */
guint         ow_json_values_n_open      (OwJsonValues *self);

/* Reading. */
OwJsonKind    ow_json_values_kind        (OwJsonValues *self,
                                          guint         value);
gboolean      ow_json_values_get_boolean (OwJsonValues *self,
                                          guint         value);
gint64        ow_json_values_get_integer (OwJsonValues *self,
                                          guint         value);
const char   *ow_json_values_get_string  (OwJsonValues *self,
                                          guint         value);
/* The value of @object's last member named @member, or OW_JSON_NONE. */
guint         ow_json_values_lookup      (OwJsonValues *self,
                                          guint         object,
                                          const char   *member);
/* The first element of @array, the one after @element; OW_JSON_NONE past the end. */
guint         ow_json_values_first       (OwJsonValues *self,
                                          guint         array);
guint         ow_json_values_next        (OwJsonValues *self,
                                          guint         array,
                                          guint         element);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwJsonValues, ow_json_values_free)

G_END_DECLS
