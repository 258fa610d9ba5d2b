/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A JSON value kept flat (see ow-json-values.h): what a json-glib tree of one order cost in
 * nodes, hash tables and frees, an order at a time, is two arrays that are reused. */
#include "config.h"

#include <string.h>

#include "ow-json-values.h"

typedef struct
{
  OwJsonKind kind;
  guint      key;    /* the member name's offset in texts, plus 1; 0 outside an object */
  guint      hash;   /* of the member name, compared before the names are */
  guint      end;    /* the index just past this value and all it contains */
  union
  {
    gboolean boolean;
    gint64   integer;
    double   number;
    guint    text;   /* offset in texts */
  } as;
} Value;

struct _OwJsonValues
{
  GArray  *values;   /* (element-type Value) in document order, containers before contents */
  GString *texts;    /* names and strings, each ending with a NUL */
  GArray  *open;     /* (element-type guint) the containers not closed yet */
  guint    key;      /* the next value's name, as Value.key */
  guint    key_hash;
};

#define VALUE(self, index) (&g_array_index ((self)->values, Value, (index)))

OwJsonValues *
ow_json_values_new (void)
{
  OwJsonValues *self = g_new0 (OwJsonValues, 1);

  self->values = g_array_sized_new (FALSE, FALSE, sizeof (Value), 256);
  self->texts = g_string_sized_new (4096);
  self->open = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
ow_json_values_free (OwJsonValues *self)
{
  g_array_unref (self->values);
  g_string_free (self->texts, TRUE);
  g_array_unref (self->open);
  g_free (self);
}

void
ow_json_values_clear (OwJsonValues *self)
{
  g_array_set_size (self->values, 0);
  g_string_truncate (self->texts, 0);
  g_array_set_size (self->open, 0);
  self->key = 0;
  self->key_hash = 0;
}

static guint
add_text (OwJsonValues *self,
          const char   *text,
          gsize         length)
{
  guint offset = self->texts->len;

  g_string_append_len (self->texts, text, length);
  g_string_append_c (self->texts, '\0');
  return offset;
}

void
ow_json_values_set_key (OwJsonValues *self,
                        const char   *key,
                        gsize         length)
{
  guint offset = add_text (self, key, length);

  self->key = offset + 1;
  /* Up to a NUL, as the name is compared. */
  self->key_hash = g_str_hash (self->texts->str + offset);
}

static Value *
add (OwJsonValues *self,
     OwJsonKind    kind)
{
  Value value = { kind, self->key, self->key_hash, self->values->len + 1 };

  self->key = 0;
  self->key_hash = 0;
  g_array_append_val (self->values, value);
  return VALUE (self, self->values->len - 1);
}

void
ow_json_values_add_null (OwJsonValues *self)
{
  add (self, OW_JSON_NULL);
}

void
ow_json_values_add_boolean (OwJsonValues *self,
                            gboolean      value)
{
  add (self, OW_JSON_BOOLEAN)->as.boolean = value;
}

void
ow_json_values_add_integer (OwJsonValues *self,
                            gint64        value)
{
  add (self, OW_JSON_INTEGER)->as.integer = value;
}

void
ow_json_values_add_double (OwJsonValues *self,
                           double        value)
{
  add (self, OW_JSON_DOUBLE)->as.number = value;
}

void
ow_json_values_add_string (OwJsonValues *self,
                           const char   *text,
                           gsize         length)
{
  guint offset = add_text (self, text, length);

  add (self, OW_JSON_STRING)->as.text = offset;
}

void
ow_json_values_open (OwJsonValues *self,
                     gboolean      object)
{
  guint index = self->values->len;

  add (self, object ? OW_JSON_OBJECT : OW_JSON_ARRAY);
  g_array_append_val (self->open, index);
}

void
ow_json_values_close (OwJsonValues *self)
{
  guint index;

  g_return_if_fail (self->open->len > 0);

  index = g_array_index (self->open, guint, self->open->len - 1);
  g_array_set_size (self->open, self->open->len - 1);
  VALUE (self, index)->end = self->values->len;
}

guint
ow_json_values_n_open (OwJsonValues *self)
{
  return self->open->len;
}

OwJsonKind
ow_json_values_kind (OwJsonValues *self,
                     guint         value)
{
  g_return_val_if_fail (value < self->values->len, OW_JSON_NULL);
  return VALUE (self, value)->kind;
}

gboolean
ow_json_values_get_boolean (OwJsonValues *self,
                            guint         value)
{
  g_return_val_if_fail (ow_json_values_kind (self, value) == OW_JSON_BOOLEAN, FALSE);
  return VALUE (self, value)->as.boolean;
}

gint64
ow_json_values_get_integer (OwJsonValues *self,
                            guint         value)
{
  g_return_val_if_fail (ow_json_values_kind (self, value) == OW_JSON_INTEGER, 0);
  return VALUE (self, value)->as.integer;
}

const char *
ow_json_values_get_string (OwJsonValues *self,
                           guint         value)
{
  g_return_val_if_fail (ow_json_values_kind (self, value) == OW_JSON_STRING, NULL);
  return self->texts->str + VALUE (self, value)->as.text;
}

guint
ow_json_values_lookup (OwJsonValues *self,
                       guint         object,
                       const char   *member)
{
  guint found = OW_JSON_NONE;
  guint hash = g_str_hash (member);
  guint end;

  g_return_val_if_fail (ow_json_values_kind (self, object) == OW_JSON_OBJECT, OW_JSON_NONE);

  /* An order has a few dozen members: a scan of their hashes beats a table. A name given
   * twice means its last value, as json_object_set_member () replaces the earlier one. */
  end = VALUE (self, object)->end;
  for (guint index = object + 1; index < end; index = VALUE (self, index)->end)
    {
      const Value *value = VALUE (self, index);

      if (value->hash == hash && value->key != 0 &&
          strcmp (self->texts->str + value->key - 1, member) == 0)
        found = index;
    }
  return found;
}

guint
ow_json_values_first (OwJsonValues *self,
                      guint         array)
{
  g_return_val_if_fail (ow_json_values_kind (self, array) == OW_JSON_ARRAY, OW_JSON_NONE);
  return array + 1 < VALUE (self, array)->end ? array + 1 : OW_JSON_NONE;
}

guint
ow_json_values_next (OwJsonValues *self,
                     guint         array,
                     guint         element)
{
  guint next = VALUE (self, element)->end;

  return next < VALUE (self, array)->end ? next : OW_JSON_NONE;
}
