/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The streaming JSON writer: what the command line prints is byte for byte what json-glib's
 * pretty printer printed from a tree, the export keeps its layout, and the text reaches the
 * sink in chunks, stopping at the sink's first error. */
#include "config.h"

#include <string.h>

#include "ow-demo.h"
#include "ow-export.h"
#include "ow-json-items.h"
#include "ow-json-writer.h"
#include "ow-order.h"
#include "ow-time.h"

#define T0 G_GINT64_CONSTANT (1772323200)   /* 2026-03-01T00:00:00Z */

/* json-glib's pretty text, as the command line printed it, with its closing newline. */
static char *
json_glib_pretty (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static JsonNode *
build_sample (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "negative");
  json_builder_add_int_value (builder, G_MININT64);
  json_builder_set_member_name (builder, "empty array");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "empty object");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "escapes \"in\" a name");
  json_builder_add_string_value (builder, "q\" \\ / \b \f \n \r \t \x01 \x1e \x7f é € 😀");
  json_builder_set_member_name (builder, "nested");
  json_builder_begin_array (builder);
  json_builder_add_null_value (builder);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_add_double_value (builder, 0.5);
  json_builder_add_double_value (builder, 3.0);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "x");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, 1);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  /* Deeper than the writer's one run of spaces. */
  json_builder_set_member_name (builder, "deep");
  for (guint i = 0; i < 45; i++)
    json_builder_begin_array (builder);
  json_builder_add_int_value (builder, 45);
  for (guint i = 0; i < 45; i++)
    json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
test_pretty_as_json_glib (void)
{
  g_autoptr(JsonNode) root = build_sample ();
  g_autofree char *expected = json_glib_pretty (root);
  OwJsonWriter *writer = ow_json_writer_new (OW_JSON_STYLE_PRETTY, NULL, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  ow_json_writer_node (writer, root);
  bytes = ow_json_writer_free_to_bytes (writer);
  text = bytes_to_string (bytes);
  g_assert_cmpstr (text, ==, expected);
}

/* `list --json` printed json-glib's text of the tree the member calls built: the stream of
 * the same calls must be that text, for orders in every state. */
static void
test_orders_as_json_glib (void)
{
  g_autoptr(GPtrArray) orders = ow_demo_make_orders (300, T0, 99);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  OwJsonWriter *streamed = ow_json_writer_new (OW_JSON_STYLE_PRETTY, NULL, NULL);
  OwJsonWriter *tree = ow_json_writer_new_for_builder (builder);
  OwJsonWriter *writers[] = { streamed, tree };

  /* Text the validator would refuse today, as an old file may hold. */
  ow_order_set_notes (g_ptr_array_index (orders, 0), "tab\there, \"quoted\", \xff bad byte");
  for (guint i = 0; i < orders->len; i++)
    ow_order_set_id (g_ptr_array_index (orders, i), i + 1);

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      ow_json_writer_begin_array (writers[w]);
      for (guint i = 0; i < orders->len; i++)
        {
          ow_json_writer_begin_object (writers[w]);
          ow_export_order_members (g_ptr_array_index (orders, i), writers[w]);
          ow_export_records_members (NULL, writers[w]);
          ow_json_writer_end_object (writers[w]);
        }
      ow_json_writer_end_array (writers[w]);
    }
  ow_json_writer_free (tree);
  root = json_builder_get_root (builder);
  expected = json_glib_pretty (root);
  bytes = ow_json_writer_free_to_bytes (streamed);
  text = bytes_to_string (bytes);
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (strstr (text, "\\t"));
  g_assert_nonnull (strstr (text, "\xef\xbf\xbd bad byte"));
}

/* Member names are kept escaped by their place in the object: another name there, or other
 * text at the same address, is written as given. */
static void
test_names_change_in_place (void)
{
  OwJsonWriter *writer = ow_json_writer_new (OW_JSON_STYLE_FILE, NULL, NULL);
  g_autofree char *name = g_strdup ("first");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  ow_json_writer_begin_array (writer);
  for (guint i = 0; i < 4; i++)
    {
      if (i == 2)
        strcpy (name, "tab\tx");
      ow_json_writer_begin_object_inline (writer);
      ow_json_writer_int_member (writer, i == 1 ? "other" : name, i);
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);
  bytes = ow_json_writer_free_to_bytes (writer);
  text = bytes_to_string (bytes);
  g_assert_cmpstr (text, ==,
                   "[\n"
                   "  {\"first\": 0},\n"
                   "  {\"other\": 1},\n"
                   "  {\"tab\\tx\": 2},\n"
                   "  {\"tab\\tx\": 3}\n"
                   "]\n");
}

/* The export file: short objects on one line, lists one item a line. */
static void
test_file_layout (void)
{
  OwJsonWriter *writer = ow_json_writer_new (OW_JSON_STYLE_FILE, NULL, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  ow_json_writer_begin_object (writer);
  ow_json_writer_int_member (writer, "version", 2);
  ow_json_writer_member (writer, "items");
  ow_json_writer_begin_array (writer);
  ow_json_writer_begin_object_inline (writer);
  ow_json_writer_time_member (writer, "at", T0);
  ow_json_writer_member (writer, "events");
  ow_json_writer_begin_array (writer);
  ow_json_writer_begin_object_inline (writer);
  ow_json_writer_string_member (writer, "text", "\x1f");
  ow_json_writer_end_object (writer);
  ow_json_writer_end_array (writer);
  ow_json_writer_member (writer, "none");
  ow_json_writer_begin_array (writer);
  ow_json_writer_end_array (writer);
  ow_json_writer_time_member (writer, "unset", OW_TIME_UNSET);
  ow_json_writer_end_object (writer);
  ow_json_writer_end_array (writer);
  ow_json_writer_member (writer, "facts");
  ow_json_writer_begin_object (writer);
  ow_json_writer_end_object (writer);
  ow_json_writer_end_object (writer);
  bytes = ow_json_writer_free_to_bytes (writer);
  text = bytes_to_string (bytes);
  /* 0x1f escaped, as JSON requires (json-glib 1.6 leaves it raw). */
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"version\": 2,\n"
                   "  \"items\": [\n"
                   "    {\"at\": \"2026-03-01T00:00:00Z\", \"events\": [\n"
                   "      {\"text\": \"\\u001f\"}\n"
                   "    ], \"none\": [], \"unset\": null}\n"
                   "  ],\n"
                   "  \"facts\": {}\n"
                   "}\n");
}

typedef struct
{
  GString *text;
  guint    n_calls;
  gsize    largest;
  gboolean fail;
} Sink;

static gboolean
record_sink (const char  *data,
             gsize        length,
             gpointer     user_data,
             GError     **error)
{
  Sink *sink = user_data;

  sink->n_calls++;
  sink->largest = MAX (sink->largest, length);
  if (sink->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
      return FALSE;
    }
  g_string_append_len (sink->text, data, length);
  return TRUE;
}

static void
write_many (OwJsonWriter *writer)
{
  ow_json_writer_begin_array (writer);
  for (guint i = 0; i < 20000; i++)
    {
      ow_json_writer_begin_object (writer);
      ow_json_writer_int_member (writer, "id", i);
      ow_json_writer_string_member (writer, "item", "A reasonably long item title, 2 m");
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);
}

static void
test_sink (void)
{
  Sink sink = { g_string_new (NULL) };
  g_autoptr(OwJsonWriter) writer = ow_json_writer_new (OW_JSON_STYLE_PRETTY, record_sink, &sink);
  OwJsonWriter *whole = ow_json_writer_new (OW_JSON_STYLE_PRETTY, NULL, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  write_many (writer);
  g_assert_true (ow_json_writer_finish (writer, &error));
  g_assert_no_error (error);
  write_many (whole);
  bytes = ow_json_writer_free_to_bytes (whole);
  expected = bytes_to_string (bytes);

  /* Over a megabyte in pieces of about 64 KiB, never the whole text at once. */
  g_assert_cmpuint (sink.text->len, >, 1024 * 1024);
  g_assert_cmpuint (sink.n_calls, >, 10);
  g_assert_cmpuint (sink.largest, <, 80 * 1024);
  g_assert_cmpstr (sink.text->str, ==, expected);
  g_string_free (sink.text, TRUE);
}

static void
test_sink_error (void)
{
  Sink sink = { g_string_new (NULL), 0, 0, TRUE };
  g_autoptr(OwJsonWriter) writer = ow_json_writer_new (OW_JSON_STYLE_FILE, record_sink, &sink);
  g_autoptr(GError) error = NULL;

  write_many (writer);
  g_assert_false (ow_json_writer_finish (writer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  /* Nothing more was offered after the first refusal. */
  g_assert_cmpuint (sink.n_calls, ==, 1);
  g_string_free (sink.text, TRUE);
}

/* Constants are found again by their address and times by their day, in caches of a few
 * hundred and a few slots: more texts and days than that, in turns, still come out exactly as
 * text escaped and dates worked out each time. */
static void
test_constants_and_days_in_turns (void)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  OwJsonWriter *cached = ow_json_writer_new (OW_JSON_STYLE_PRETTY, NULL, NULL);
  OwJsonWriter *plain = ow_json_writer_new (OW_JSON_STYLE_PRETTY, NULL, NULL);
  g_autoptr(GBytes) cached_bytes = NULL;
  g_autoptr(GBytes) plain_bytes = NULL;
  g_autofree char *cached_text = NULL;
  g_autofree char *plain_text = NULL;

  for (guint i = 0; i < 1500; i++)
    g_ptr_array_add (texts, g_strdup_printf ("Policy text %u with a \"quote\" and é", i));

  ow_json_writer_begin_array (cached);
  ow_json_writer_begin_array (plain);
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < texts->len; i++)
      {
        /* Eleven days in turns, before and after 1970, and one past the year 9999. */
        gint64 day = (gint64) (i * 7 + round) % 11 - 3;
        gint64 time = i == 700 ? G_GINT64_CONSTANT (253402300800) : T0 + day * 86400 * 40 +
                                                                     (gint64) i * 37;
        char buffer[32];
        const char *text = g_ptr_array_index (texts, (i * 389 + round) % texts->len);

        if (day < 0 && i != 700)
          time = -time / 1000;
        ow_json_writer_begin_object (cached);
        ow_json_writer_constant_string_member (cached, "text", text);
        ow_json_writer_time_member (cached, "at", time);
        ow_json_writer_end_object (cached);

        ow_json_writer_begin_object (plain);
        ow_json_writer_string_member (plain, "text", text);
        ow_json_writer_string_member (plain, "at", ow_json_format_time (time, buffer));
        ow_json_writer_end_object (plain);
      }
  ow_json_writer_end_array (cached);
  ow_json_writer_end_array (plain);

  cached_bytes = ow_json_writer_free_to_bytes (cached);
  plain_bytes = ow_json_writer_free_to_bytes (plain);
  cached_text = bytes_to_string (cached_bytes);
  plain_text = bytes_to_string (plain_bytes);
  g_assert_nonnull (strstr (plain_text, "\"1969-"));
  g_assert_cmpstr (cached_text, ==, plain_text);
}

typedef struct
{
  GThread *caller;
  gint     n_elsewhere;  /* items written on another thread */
} ItemCount;

static void
write_numbered_item (OwJsonWriter *writer,
                     guint         index,
                     gpointer      user_data)
{
  ItemCount *count = user_data;
  g_autofree char *item = g_strdup_printf ("Item \"%u\"", index);

  if (g_thread_self () != count->caller)
    g_atomic_int_inc (&count->n_elsewhere);
  ow_json_writer_begin_object (writer);
  ow_json_writer_int_member (writer, "id", index);
  ow_json_writer_string_member (writer, "item", item);
  ow_json_writer_constant_string_member (writer, "kind", index % 2 ? "odd" : "even");
  ow_json_writer_time_member (writer, "due", T0 + (gint64) index * 3600);
  ow_json_writer_end_object (writer);
}

static char *
write_numbered (OwJsonStyle style,
                guint       n_items,
                gboolean    two_threads,
                ItemCount  *count)
{
  Sink sink = { g_string_new (NULL) };
  g_autoptr(OwJsonWriter) writer = ow_json_writer_new (style, record_sink, &sink);
  g_autoptr(GError) error = NULL;

  ow_json_writer_begin_object (writer);
  ow_json_writer_member (writer, "items");
  ow_json_writer_begin_array (writer);
  if (two_threads)
    ow_json_write_items (writer, n_items, write_numbered_item, count);
  else
    for (guint i = 0; i < n_items; i++)
      write_numbered_item (writer, i, count);
  ow_json_writer_end_array (writer);
  ow_json_writer_end_object (writer);
  g_assert_true (ow_json_writer_finish (writer, &error));
  return g_string_free (sink.text, FALSE);
}

/* An array's items written by two threads come out in order, as one thread writes them; only
 * an array longer than a run of items takes the second thread. */
static void
test_items_on_two_threads (void)
{
  const guint sizes[] = { 0, 1, 2048, 2049, 3 * 2048 + 7, 20000 };
  const OwJsonStyle styles[] = { OW_JSON_STYLE_PRETTY, OW_JSON_STYLE_FILE };

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        ItemCount count = { g_thread_self () };
        g_autofree char *one = write_numbered (styles[s], sizes[i], FALSE, &count);
        g_autofree char *two = write_numbered (styles[s], sizes[i], TRUE, &count);

        gint odd_runs = 0;

        /* Runs of 2048 items: the odd ones on the second thread. */
        for (guint first = 2048; first < sizes[i]; first += 2 * 2048)
          odd_runs += MIN (sizes[i] - first, 2048);
        g_assert_cmpstr (two, ==, one);
        g_assert_cmpint (count.n_elsewhere, ==, odd_runs);
      }

  /* Items written apart can be the array's first ones, and the writer they were written in
   * is empty again after. */
  {
    ItemCount count = { g_thread_self () };
    g_autofree char *one = NULL;
    g_autofree char *apart_text = NULL;
    OwJsonWriter *whole = ow_json_writer_new (OW_JSON_STYLE_PRETTY, NULL, NULL);
    OwJsonWriter *apart;
    g_autoptr(GBytes) bytes = NULL;

    ow_json_writer_begin_object (whole);
    ow_json_writer_member (whole, "items");
    ow_json_writer_begin_array (whole);
    apart = ow_json_writer_new_items (whole);
    write_numbered_item (apart, 0, &count);
    write_numbered_item (apart, 1, &count);
    ow_json_writer_add_items (whole, apart);
    ow_json_writer_add_items (whole, apart);
    write_numbered_item (apart, 2, &count);
    ow_json_writer_add_items (whole, apart);
    write_numbered_item (whole, 3, &count);
    ow_json_writer_free (apart);
    ow_json_writer_end_array (whole);
    ow_json_writer_end_object (whole);
    bytes = ow_json_writer_free_to_bytes (whole);
    apart_text = bytes_to_string (bytes);
    one = write_numbered (OW_JSON_STYLE_PRETTY, 4, FALSE, &count);
    g_assert_cmpstr (apart_text, ==, one);
  }

  /* Into a tree: on this thread, the same values. */
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(OwJsonWriter) writer = ow_json_writer_new_for_builder (builder);
    g_autoptr(JsonNode) root = NULL;
    ItemCount count = { g_thread_self () };

    ow_json_writer_begin_array (writer);
    ow_json_write_items (writer, 5000, write_numbered_item, &count);
    ow_json_writer_end_array (writer);
    root = json_builder_get_root (builder);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 5000);
    g_assert_cmpint (json_object_get_int_member (
                       json_array_get_object_element (json_node_get_array (root), 4999), "id"),
                     ==, 4999);
    g_assert_cmpint (count.n_elsewhere, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json-writer/pretty-as-json-glib", test_pretty_as_json_glib);
  g_test_add_func ("/core/json-writer/orders-as-json-glib", test_orders_as_json_glib);
  g_test_add_func ("/core/json-writer/names-change-in-place", test_names_change_in_place);
  g_test_add_func ("/core/json-writer/file-layout", test_file_layout);
  g_test_add_func ("/core/json-writer/constants-and-days-in-turns",
                   test_constants_and_days_in_turns);
  g_test_add_func ("/core/json-writer/items-on-two-threads", test_items_on_two_threads);
  g_test_add_func ("/core/json-writer/sink", test_sink);
  g_test_add_func ("/core/json-writer/sink-error", test_sink_error);

  return g_test_run ();
}
