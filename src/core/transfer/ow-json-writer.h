/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one JSON writer: `list`, `show` and `deadlines --json` and the JSON export write
 * through it, value by value, so 100,000 orders never stand in memory as a tree. The same
 * calls can also fill a JsonBuilder, for the few callers that need a tree. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* As json-glib's pretty printer with an indent of 2 writes it (what the command line has
   * always printed): one value per line, "name" : value. */
  OW_JSON_STYLE_PRETTY,
  /* The export file: "name": value; containers begun _inline stay on one line. */
  OW_JSON_STYLE_FILE,
} OwJsonStyle;

/* Takes the next @length bytes of text; FALSE with @error stops the writer. */
typedef gboolean (*OwJsonSink) (const char  *data,
                                gsize        length,
                                gpointer     user_data,
                                GError     **error);

typedef struct _OwJsonWriter OwJsonWriter;

/* Text, handed to @sink in chunks of about 64 KiB; a NULL @sink keeps all of it for
 * ow_json_writer_free_to_bytes (). */
OwJsonWriter *ow_json_writer_new            (OwJsonStyle    style,
                                             OwJsonSink     sink,
                                             gpointer       user_data);
/* Values go into @builder (which it references) instead: a tree, no text. */
OwJsonWriter *ow_json_writer_new_for_builder (JsonBuilder   *builder);
void          ow_json_writer_free           (OwJsonWriter  *self);
/* Ends the text with a newline and hands the rest to the sink. FALSE with the sink's
 * first error, if any. */
gboolean      ow_json_writer_finish         (OwJsonWriter  *self,
                                             GError       **error);
/* Finishes and returns every byte written (a writer without a sink); frees @self. */
GBytes       *ow_json_writer_free_to_bytes  (OwJsonWriter  *self);

void          ow_json_writer_begin_object   (OwJsonWriter  *self);
/* On one line in the file style; like begin_object otherwise. */
void          ow_json_writer_begin_object_inline (OwJsonWriter *self);
void          ow_json_writer_end_object     (OwJsonWriter  *self);
void          ow_json_writer_begin_array    (OwJsonWriter  *self);
void          ow_json_writer_end_array      (OwJsonWriter  *self);
/* The name of the next value, inside an object. */
void          ow_json_writer_member         (OwJsonWriter  *self,
                                             const char    *name);
/* @value, or null when it is NULL; bytes that are not UTF-8 are replaced (only a file written
 * before text was checked holds such bytes, and JSON cannot). */
void          ow_json_writer_string         (OwJsonWriter  *self,
                                             const char    *value);
/* The same for a text that outlives the writer and never changes (a policy's words, a
 * nick): escaped once, then copied. */
void          ow_json_writer_constant_string (OwJsonWriter *self,
                                             const char    *value);
void          ow_json_writer_int            (OwJsonWriter  *self,
                                             gint64         value);
void          ow_json_writer_boolean        (OwJsonWriter  *self,
                                             gboolean       value);
void          ow_json_writer_null           (OwJsonWriter  *self);
/* @time as ISO 8601 UTC ("2024-05-01T08:00:00Z"), or null when unset. */
void          ow_json_writer_time           (OwJsonWriter  *self,
                                             gint64         time);
/* A tree someone built, written in this writer's style. */
void          ow_json_writer_node           (OwJsonWriter  *self,
                                             JsonNode      *node);

/* A writer for items of the array @parent is writing, written apart (on another thread, in
 * @parent's style and indent) and added with ow_json_writer_add_items (); NULL when @parent
 * fills a JsonBuilder. */
OwJsonWriter *ow_json_writer_new_items      (OwJsonWriter  *parent);
/* The items written into @items, moved to the end of the array @self is writing; @items is
 * empty again after. */
void          ow_json_writer_add_items      (OwJsonWriter  *self,
                                             OwJsonWriter  *items);
/* A member and its value in one call. */
void          ow_json_writer_string_member  (OwJsonWriter  *self,
                                             const char    *name,
                                             const char    *value);
void          ow_json_writer_constant_string_member (OwJsonWriter *self,
                                             const char    *name,
                                             const char    *value);
void          ow_json_writer_int_member     (OwJsonWriter  *self,
                                             const char    *name,
                                             gint64         value);
void          ow_json_writer_boolean_member (OwJsonWriter  *self,
                                             const char    *name,
                                             gboolean       value);
void          ow_json_writer_time_member    (OwJsonWriter  *self,
                                             const char    *name,
                                             gint64         time);

/* "2026-11-08T08:00:00Z" into @buffer, or NULL when @time is unset; fast, without a
 * GDateTime, for the millions a bulk export writes. */
const char   *ow_json_format_time           (gint64         time,
                                             char           buffer[32]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwJsonWriter, ow_json_writer_free)

G_END_DECLS
