/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ow-json-writer.h"
#include "ow-time.h"

/* Text waits in the buffer until it holds this much, then goes to the sink. */
#define FLUSH_SIZE (64 * 1024)

typedef struct
{
  gboolean object;
  gboolean on_one_line;
  guint    n_items;
} Frame;

/* Objects in an array repeat their member names in the same order: what comes before a
 * member's value (the separator, the indent, the escaped name and the colon) is kept by its
 * depth and place in its object, and copied when the same name comes there again. */
#define NAME_DEPTHS 8
#define NAME_PLACES 32

typedef struct
{
  char     *name;         /* a copy, compared by content: the caller's text may be gone */
  guint     n_lines;      /* the indent it was written with */
  gboolean  on_one_line;
  char     *written;      /* ,\n    "name" : */
  gsize     length;       /* of written */
} WrittenName;

/* Text that never changes, escaped on first use and found again by its address: a list
 * writes the same few hundred policy texts millions of times. A slot taken by another text
 * is written over; that text is escaped again when it comes back. */
#define CONSTANT_BITS 9
#define N_CONSTANTS (1 << CONSTANT_BITS)

typedef struct
{
  const char *text;
  char       *escaped;
  gsize       length;
} EscapedConstant;

#define N_DATES 4

typedef struct
{
  gint64 day;        /* since 1970 */
  char   text[11];   /* empty: not used yet */
} WrittenDate;

struct _OwJsonWriter
{
  OwJsonStyle  style;
  OwJsonSink   sink;
  gpointer     sink_data;
  JsonBuilder *builder;      /* set: a tree instead of text */

  GString     *buffer;
  GArray      *frames;       /* Frame, innermost last */
  guint        n_lines;      /* frames written one item per line: the indent is twice that */
  gboolean     after_name;   /* a member name was written; its value comes next */
  GError      *error;        /* the sink's first failure; nothing is written after it */
  EscapedConstant *constants;  /* N_CONSTANTS, on first use */
  WrittenName *names;        /* NAME_DEPTHS × NAME_PLACES, on first use */
  /* The days of the last times written, with their "YYYY-MM-DD": an object's times are a
   * few days apart, a sorted list's objects the same few days, and working out the date is
   * most of writing a time. */
  WrittenDate  dates[N_DATES];
  guint        next_date;    /* the one to write over on a miss */
};

OwJsonWriter *
ow_json_writer_new (OwJsonStyle style,
                    OwJsonSink  sink,
                    gpointer    user_data)
{
  OwJsonWriter *self = g_new0 (OwJsonWriter, 1);

  self->style = style;
  self->sink = sink;
  self->sink_data = user_data;
  self->buffer = g_string_sized_new (sink != NULL ? FLUSH_SIZE + 4096 : 4096);
  self->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  return self;
}

OwJsonWriter *
ow_json_writer_new_for_builder (JsonBuilder *builder)
{
  OwJsonWriter *self;

  g_return_val_if_fail (JSON_IS_BUILDER (builder), NULL);

  self = ow_json_writer_new (OW_JSON_STYLE_PRETTY, NULL, NULL);
  self->builder = g_object_ref (builder);
  return self;
}

void
ow_json_writer_free (OwJsonWriter *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->builder);
  g_string_free (self->buffer, TRUE);
  g_array_unref (self->frames);
  for (guint i = 0; self->constants != NULL && i < N_CONSTANTS; i++)
    g_free (self->constants[i].escaped);
  g_free (self->constants);
  for (guint i = 0; self->names != NULL && i < NAME_DEPTHS * NAME_PLACES; i++)
    {
      g_free (self->names[i].name);
      g_free (self->names[i].written);
    }
  g_free (self->names);
  g_clear_error (&self->error);
  g_free (self);
}

/* @length bytes to the sink, unless it has failed before. */
static void
write_to_sink (OwJsonWriter *self,
               const char   *data,
               gsize         length)
{
  if (self->error == NULL && !self->sink (data, length, self->sink_data, &self->error) &&
      self->error == NULL)
    g_set_error_literal (&self->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("Could not write the output"));
}

static void
flush (OwJsonWriter *self)
{
  if (self->sink == NULL || self->buffer->len == 0)
    return;
  write_to_sink (self, self->buffer->str, self->buffer->len);
  g_string_truncate (self->buffer, 0);
}

static inline void
maybe_flush (OwJsonWriter *self)
{
  if (self->buffer->len >= FLUSH_SIZE)
    flush (self);
}

gboolean
ow_json_writer_finish (OwJsonWriter  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->builder == NULL, FALSE);

  g_string_append_c (self->buffer, '\n');
  flush (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}

GBytes *
ow_json_writer_free_to_bytes (OwJsonWriter *self)
{
  GBytes *bytes;

  g_return_val_if_fail (self != NULL && self->sink == NULL, NULL);
  g_return_val_if_fail (self->builder == NULL, NULL);

  g_string_append_c (self->buffer, '\n');
  bytes = g_string_free_to_bytes (g_steal_pointer (&self->buffer));
  self->buffer = g_string_new (NULL);
  ow_json_writer_free (self);
  return bytes;
}

/* Text */

/* g_string_append_len () without its general insertion path: the writer only appends, and a
 * list appends tens of millions of short pieces. */
static inline void
append_len (GString    *out,
            const char *data,
            gsize       length)
{
  if (G_UNLIKELY (out->len + length >= out->allocated_len))
    {
      gsize len = out->len;

      g_string_set_size (out, len + length);
      out->len = len;
    }
  memcpy (out->str + out->len, data, length);
  out->len += length;
  out->str[out->len] = '\0';
}

#define append_literal(out, literal) append_len ((out), (literal), sizeof (literal) - 1)

static void
append_indent (GString *out,
               guint    level)
{
  static const char line[] = "\n                                                                ";
  const gsize most = sizeof line - 2;
  gsize width = 2 * (gsize) level;

  if (width <= most)
    {
      append_len (out, line, 1 + width);
      return;
    }
  append_len (out, line, 1);
  for (; width > most; width -= most)
    append_len (out, line + 1, most);
  append_len (out, line + 1, width);
}

/* Bytes that cannot go into a JSON string as they are: controls, the quote, the backslash,
 * and DEL (json-glib escapes it too). */
static const guint8 needs_escape[256] = {
  [0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

/* RFC 8259 escapes as json-glib writes them (\b \f \n \r \t, others \u00XX, DEL too), except
 * that 0x1f is escaped as JSON requires; text between escapes copied in one go. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       length)
{
  const guchar *p = (const guchar *) text, *end = p + length, *run = p;

  g_string_append_c (out, '"');
  for (; p < end; p++)
    {
      const char *escape;

      if (G_LIKELY (!needs_escape[*p]))
        continue;
      append_len (out, (const char *) run, p - run);
      run = p + 1;
      switch (*p)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default: escape = NULL;
        }
      if (escape != NULL)
        g_string_append (out, escape);
      else
        g_string_append_printf (out, "\\u%04x", *p);
    }
  append_len (out, (const char *) run, end - run);
  g_string_append_c (out, '"');
}

/* Text known to need no escaping, quoted. */
static inline void
append_quoted (GString    *out,
               const char *text,
               gsize       length)
{
  g_string_append_c (out, '"');
  append_len (out, text, length);
  g_string_append_c (out, '"');
}

static void
append_string (GString    *out,
               const char *text)
{
  g_autofree char *valid = NULL;
  const guchar *p = (const guchar *) text;
  gsize length;

  /* Most text is plain ASCII with nothing to escape: one pass finds its end and says so. */
  while (*p != '\0' && *p < 0x80 && !needs_escape[*p])
    p++;
  if (*p == '\0')
    {
      append_quoted (out, text, p - (const guchar *) text);
      return;
    }

  length = (p - (const guchar *) text) + strlen ((const char *) p);
  if (!g_utf8_validate_len (text, length, NULL))
    {
      text = valid = g_utf8_make_valid (text, length);
      length = strlen (text);
    }
  append_escaped (out, text, length);
}

/* Decimal digits without printf: a list writes millions of numbers. */
static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  append_len (out, p, digits + sizeof digits - p);
}

/* The separator before the next item of @frame, into @out. */
static void
append_separator (OwJsonWriter *self,
                  GString      *out,
                  const Frame  *frame)
{
  if (frame->n_items > 0 && frame->on_one_line)
    append_literal (out, ", ");
  else if (frame->n_items > 0)
    g_string_append_c (out, ',');
  if (!frame->on_one_line)
    append_indent (out, self->n_lines);
}

/* The separator before the next item of the innermost container, which counts it. */
static void
next_item (OwJsonWriter *self)
{
  Frame *frame;

  if (self->frames->len == 0)
    return;
  frame = &g_array_index (self->frames, Frame, self->frames->len - 1);
  append_separator (self, self->buffer, frame);
  frame->n_items++;
}

/* Before a value: after its member name nothing, in an array the separator. */
static void
before_value (OwJsonWriter *self)
{
  if (self->after_name)
    self->after_name = FALSE;
  else
    next_item (self);
}

static void
begin (OwJsonWriter *self,
       gboolean      object,
       gboolean      on_one_line)
{
  Frame frame = { object, on_one_line && self->style == OW_JSON_STYLE_FILE, 0 };

  if (self->builder != NULL)
    {
      if (object)
        json_builder_begin_object (self->builder);
      else
        json_builder_begin_array (self->builder);
      return;
    }
  before_value (self);
  g_string_append_c (self->buffer, object ? '{' : '[');
  g_array_append_val (self->frames, frame);
  if (!frame.on_one_line)
    self->n_lines++;
}

static void
end (OwJsonWriter *self,
     gboolean      object)
{
  Frame frame;

  if (self->builder != NULL)
    {
      if (object)
        json_builder_end_object (self->builder);
      else
        json_builder_end_array (self->builder);
      return;
    }
  g_return_if_fail (self->frames->len > 0);
  frame = g_array_index (self->frames, Frame, self->frames->len - 1);
  g_return_if_fail (frame.object == object);
  g_array_set_size (self->frames, self->frames->len - 1);

  if (!frame.on_one_line)
    self->n_lines--;
  if (!frame.on_one_line && frame.n_items > 0)
    append_indent (self->buffer, self->n_lines);
  /* json-glib's way with an empty object, kept so the output stays what it was. */
  else if (object && frame.n_items == 0 && self->style == OW_JSON_STYLE_PRETTY)
    g_string_append (self->buffer, "  ");
  g_string_append_c (self->buffer, object ? '}' : ']');
  maybe_flush (self);
}

void
ow_json_writer_begin_object (OwJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  begin (self, TRUE, FALSE);
}

void
ow_json_writer_begin_object_inline (OwJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  begin (self, TRUE, TRUE);
}

void
ow_json_writer_end_object (OwJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  end (self, TRUE);
}

void
ow_json_writer_begin_array (OwJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  begin (self, FALSE, FALSE);
}

void
ow_json_writer_end_array (OwJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  end (self, FALSE);
}

/* Items apart */

OwJsonWriter *
ow_json_writer_new_items (OwJsonWriter *parent)
{
  OwJsonWriter *self;
  Frame frame;

  g_return_val_if_fail (parent != NULL, NULL);

  if (parent->builder != NULL)
    return NULL;
  g_return_val_if_fail (parent->frames->len > 0, NULL);
  frame = g_array_index (parent->frames, Frame, parent->frames->len - 1);
  g_return_val_if_fail (!frame.object, NULL);

  self = ow_json_writer_new (parent->style, NULL, NULL);
  /* Every item comes with its separator; the first one's is left out when they are added
   * as the array's first items. */
  frame.n_items = 1;
  g_array_append_val (self->frames, frame);
  self->n_lines = parent->n_lines;
  return self;
}

void
ow_json_writer_add_items (OwJsonWriter *self,
                          OwJsonWriter *items)
{
  Frame *frame, *theirs;
  const char *text;
  gsize length;

  g_return_if_fail (self != NULL && self->builder == NULL && self->frames->len > 0);
  g_return_if_fail (items != NULL && items->frames->len == 1);

  frame = &g_array_index (self->frames, Frame, self->frames->len - 1);
  theirs = &g_array_index (items->frames, Frame, 0);
  g_return_if_fail (!frame->object && self->n_lines == items->n_lines);

  if (theirs->n_items <= 1)
    return;
  text = items->buffer->str;
  length = items->buffer->len;
  if (frame->n_items == 0)
    {
      gsize separator = frame->on_one_line ? 2 : 1;

      text += separator;
      length -= separator;
    }
  frame->n_items += theirs->n_items - 1;
  /* Straight to the sink, not copied into the buffer first: runs are megabytes. */
  if (self->sink != NULL)
    {
      flush (self);
      write_to_sink (self, text, length);
    }
  else
    append_len (self->buffer, text, length);

  g_string_truncate (items->buffer, 0);
  theirs->n_items = 1;
}

static void
append_name (OwJsonWriter *self,
             GString      *out,
             const char   *name)
{
  append_string (out, name);
  if (self->style == OW_JSON_STYLE_PRETTY)
    append_literal (out, " : ");
  else
    append_literal (out, ": ");
}

/* The separator before a member of @frame, @name and the colon, as written the last time
 * this member came at the same depth, place and indent; written anew otherwise. */
static void
append_member_start (OwJsonWriter *self,
                     Frame        *frame,
                     const char   *name)
{
  guint depth = self->frames->len;
  WrittenName *slot;

  if (depth > NAME_DEPTHS || frame->n_items >= NAME_PLACES)
    {
      append_separator (self, self->buffer, frame);
      append_name (self, self->buffer, name);
      return;
    }
  if (self->names == NULL)
    self->names = g_new0 (WrittenName, NAME_DEPTHS * NAME_PLACES);
  slot = &self->names[(depth - 1) * NAME_PLACES + frame->n_items];
  if (slot->name == NULL || slot->n_lines != self->n_lines ||
      slot->on_one_line != frame->on_one_line || strcmp (slot->name, name) != 0)
    {
      GString *written = g_string_new (NULL);

      append_separator (self, written, frame);
      append_name (self, written, name);
      g_free (slot->name);
      g_free (slot->written);
      slot->name = g_strdup (name);
      slot->n_lines = self->n_lines;
      slot->on_one_line = frame->on_one_line;
      slot->length = written->len;
      slot->written = g_string_free (written, FALSE);
    }
  append_len (self->buffer, slot->written, slot->length);
}

void
ow_json_writer_member (OwJsonWriter *self,
                       const char   *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  if (self->builder != NULL)
    {
      json_builder_set_member_name (self->builder, name);
      return;
    }
  if (self->frames->len > 0)
    {
      Frame *frame = &g_array_index (self->frames, Frame, self->frames->len - 1);

      append_member_start (self, frame, name);
      frame->n_items++;
    }
  else
    append_name (self, self->buffer, name);
  self->after_name = TRUE;
}

void
ow_json_writer_string (OwJsonWriter *self,
                       const char   *value)
{
  g_return_if_fail (self != NULL);

  if (value == NULL)
    {
      ow_json_writer_null (self);
      return;
    }
  if (self->builder != NULL)
    {
      g_autofree char *valid = NULL;

      if (!g_utf8_validate (value, -1, NULL))
        value = valid = g_utf8_make_valid (value, -1);
      json_builder_add_string_value (self->builder, value);
      return;
    }
  before_value (self);
  append_string (self->buffer, value);
  maybe_flush (self);
}

void
ow_json_writer_constant_string (OwJsonWriter *self,
                                const char   *value)
{
  EscapedConstant *constant;

  g_return_if_fail (self != NULL);

  if (value == NULL || self->builder != NULL)
    {
      ow_json_writer_string (self, value);
      return;
    }
  if (self->constants == NULL)
    self->constants = g_new0 (EscapedConstant, N_CONSTANTS);
  /* Fibonacci hashing of the address, without its alignment bits. */
  constant = &self->constants[((guint64) ((guintptr) value >> 3) *
                               G_GUINT64_CONSTANT (11400714819323198485)) >> (64 - CONSTANT_BITS)];
  if (constant->text != value)
    {
      GString *escaped = g_string_new (NULL);

      append_string (escaped, value);
      g_free (constant->escaped);
      constant->text = value;
      constant->length = escaped->len;
      constant->escaped = g_string_free (escaped, FALSE);
    }
  before_value (self);
  append_len (self->buffer, constant->escaped, constant->length);
  maybe_flush (self);
}

void
ow_json_writer_int (OwJsonWriter *self,
                    gint64        value)
{
  g_return_if_fail (self != NULL);

  if (self->builder != NULL)
    {
      json_builder_add_int_value (self->builder, value);
      return;
    }
  before_value (self);
  append_int (self->buffer, value);
}

void
ow_json_writer_boolean (OwJsonWriter *self,
                        gboolean      value)
{
  g_return_if_fail (self != NULL);

  if (self->builder != NULL)
    {
      json_builder_add_boolean_value (self->builder, value);
      return;
    }
  before_value (self);
  if (value)
    append_literal (self->buffer, "true");
  else
    append_literal (self->buffer, "false");
}

void
ow_json_writer_null (OwJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  if (self->builder != NULL)
    {
      json_builder_add_null_value (self->builder);
      return;
    }
  before_value (self);
  append_literal (self->buffer, "null");
}

/* Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day since 1970. */
static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2);
}

const char *
ow_json_format_time (gint64 time,
                     char   buffer[32])
{
  gint64 days, seconds;
  int year, month, day;

  if (time == OW_TIME_UNSET)
    return NULL;
  days = time >= 0 ? time / 86400 : -((-time + 86399) / 86400);
  seconds = time - days * 86400;
  civil_from_days (days, &year, &month, &day);
  if (year < 1 || year > 9999)
    {
      g_autofree char *slow = ow_time_format_iso_utc (time);

      g_strlcpy (buffer, slow ? slow : "", 32);
      return slow ? buffer : NULL;
    }
  {
    int fields[] = { year / 100, year % 100, month, day, (int) (seconds / 3600),
                     (int) (seconds / 60 % 60), (int) (seconds % 60) };
    /* "YYYY-MM-DDTHH:MM:SSZ": two digits per field, the year as two fields. */
    static const char after[] = { 0, '-', '-', 'T', ':', ':', 'Z' };
    char *p = buffer;

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        *p++ = '0' + fields[i] / 10;
        *p++ = '0' + fields[i] % 10;
        if (after[i] != 0)
          *p++ = after[i];
      }
    *p = '\0';
  }
  return buffer;
}

void
ow_json_writer_time (OwJsonWriter *self,
                     gint64        time)
{
  char buffer[32];
  const char *text;
  gint64 day, seconds;
  WrittenDate *date;

  g_return_if_fail (self != NULL);

  if (time == OW_TIME_UNSET || self->builder != NULL)
    {
      ow_json_writer_string (self, ow_json_format_time (time, buffer));
      return;
    }
  day = time >= 0 ? time / 86400 : -((-time + 86399) / 86400);
  seconds = time - day * 86400;
  for (date = self->dates; date < self->dates + N_DATES; date++)
    if (date->day == day && date->text[0] != '\0')
      break;
  if (date == self->dates + N_DATES)
    {
      text = ow_json_format_time (time, buffer);
      /* Years outside 1–9999 are written as GLib writes them, and not kept. */
      if (text == NULL || strlen (text) != 20)
        {
          ow_json_writer_string (self, text);
          return;
        }
      date = &self->dates[self->next_date];
      self->next_date = (self->next_date + 1) % N_DATES;
      memcpy (date->text, text, 10);
      date->text[10] = '\0';
      date->day = day;
    }
  /* "YYYY-MM-DDTHH:MM:SSZ": digits and separators, nothing to escape or check. */
  {
    int fields[] = { (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60) };
    char *p = buffer;

    *p++ = '"';
    memcpy (p, date->text, 10);
    p += 10;
    *p++ = 'T';
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        *p++ = '0' + fields[i] / 10;
        *p++ = '0' + fields[i] % 10;
        *p++ = i + 1 < G_N_ELEMENTS (fields) ? ':' : 'Z';
      }
    *p++ = '"';
    before_value (self);
    append_len (self->buffer, buffer, p - buffer);
  }
  maybe_flush (self);
}

static void
write_value_node (OwJsonWriter *self,
                  JsonNode     *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    ow_json_writer_int (self, json_node_get_int (node));
  else if (type == G_TYPE_BOOLEAN)
    ow_json_writer_boolean (self, json_node_get_boolean (node));
  else if (type == G_TYPE_STRING)
    ow_json_writer_string (self, json_node_get_string (node));
  else if (type == G_TYPE_DOUBLE && self->builder != NULL)
    json_builder_add_double_value (self->builder, json_node_get_double (node));
  else if (type == G_TYPE_DOUBLE)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      before_value (self);
      /* As json-glib writes a double: always with a decimal point. */
      g_string_append (self->buffer, g_ascii_dtostr (number, sizeof number,
                                                     json_node_get_double (node)));
      if (strchr (number, '.') == NULL)
        g_string_append (self->buffer, ".0");
    }
  else
    ow_json_writer_null (self);
}

void
ow_json_writer_node (OwJsonWriter *self,
                     JsonNode     *node)
{
  g_return_if_fail (self != NULL);

  if (node == NULL)
    {
      ow_json_writer_null (self);
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        ow_json_writer_begin_object (self);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            ow_json_writer_member (self, name);
            ow_json_writer_node (self, member);
          }
        ow_json_writer_end_object (self);
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        ow_json_writer_begin_array (self);
        for (guint i = 0; i < json_array_get_length (array); i++)
          ow_json_writer_node (self, json_array_get_element (array, i));
        ow_json_writer_end_array (self);
        break;
      }
    case JSON_NODE_VALUE:
      write_value_node (self, node);
      break;
    case JSON_NODE_NULL:
    default:
      ow_json_writer_null (self);
    }
}

void
ow_json_writer_string_member (OwJsonWriter *self,
                              const char   *name,
                              const char   *value)
{
  ow_json_writer_member (self, name);
  ow_json_writer_string (self, value);
}

void
ow_json_writer_constant_string_member (OwJsonWriter *self,
                                       const char   *name,
                                       const char   *value)
{
  ow_json_writer_member (self, name);
  ow_json_writer_constant_string (self, value);
}

void
ow_json_writer_int_member (OwJsonWriter *self,
                           const char   *name,
                           gint64        value)
{
  ow_json_writer_member (self, name);
  ow_json_writer_int (self, value);
}

void
ow_json_writer_boolean_member (OwJsonWriter *self,
                               const char   *name,
                               gboolean      value)
{
  ow_json_writer_member (self, name);
  ow_json_writer_boolean (self, value);
}

void
ow_json_writer_time_member (OwJsonWriter *self,
                            const char   *name,
                            gint64        time)
{
  ow_json_writer_member (self, name);
  ow_json_writer_time (self, time);
}
