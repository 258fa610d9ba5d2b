/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real `orderwatch` executable, run as a user would, against a database in a temp dir. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ow-test-util.h"
#include "ow-time.h"

typedef struct
{
  char *dir;
  char *db;
  char *now;       /* ORDERWATCH_NOW for the next runs */
  char *out;       /* of the last run */
  char *err;
  int   status;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "orders.db", NULL);
  f->now = g_strdup ("2026-11-02T00:00:00Z");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ow_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->now);
  g_free (f->out);
  g_free (f->err);
}

/* Runs `orderwatch ARGS... --db DB` (or without --db when @with_db is FALSE, for callers
 * that place it themselves) and keeps the exit status and output. */
static int
run_argv (Fixture            *f,
          gboolean            with_db,
          const char         *stdin_text,
          const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("ORDERWATCH_BIN");

  g_assert_nonnull (bin);
  g_ptr_array_add (args, (gpointer) bin);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  if (with_db)
    {
      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, f->db);
    }
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (stdin_text ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  g_subprocess_launcher_unsetenv (launcher, "ORDERWATCH_DB");
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_NOW", f->now, TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* The test's own config folder (policy overrides), not the user's: GLib isolates the
   * directories inside this process only. */
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &f->out, &f->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  f->status = g_subprocess_get_exit_status (process);
  return f->status;
}

#define run(f, ...) run_argv ((f), TRUE, NULL, (const char *[]) { __VA_ARGS__, NULL })

static void
assert_status (Fixture *f,
               int      expected)
{
  if (f->status != expected)
    g_error ("exit status %d, expected %d\nstdout: %s\nstderr: %s", f->status, expected,
             f->out, f->err);
}

static void
assert_err_contains (Fixture    *f,
                     const char *text)
{
  if (strstr (f->err, text) == NULL)
    g_error ("stderr “%s” does not contain “%s”", f->err, text);
}

static JsonNode *
parse_out (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, f->out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gint64
add_order (Fixture    *f,
           const char *number,
           const char *paid)
{
  g_autoptr(JsonNode) root = NULL;

  run (f, "add", "--order", number, "--item", "Thing", "--amount", "1.00", "--paid", paid,
       "--json");
  assert_status (f, 0);
  root = parse_out (f);
  return json_object_get_int_member (json_node_get_object (root), "id");
}

/* The deadline of @kind for @order_id in `deadlines --json` output, or NULL. */
static JsonObject *
find_deadline (JsonNode   *root,
               gint64      order_id,
               const char *kind)
{
  JsonArray *array = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (json_object_get_int_member (o, "order_id") == order_id &&
          g_str_equal (json_object_get_string_member (o, "kind"), kind))
        return o;
    }
  return NULL;
}

static char *
list_json (Fixture *f)
{
  run (f, "list", "--filter", "all", "--json");
  assert_status (f, 0);
  return g_strdup (f->out);
}

static void
test_acceptance (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) pacific = NULL;
  g_autofree char *id = NULL;
  JsonObject *ship_by, *o;
  gint64 due_time;

  run (f, "add", "--marketplace", "aliexpress", "--order", "8123456789", "--item", "USB-C cable",
       "--amount", "4.99", "--currency", "USD", "--paid", "2026-11-01T10:00:00Z",
       "--processing-days", "7");
  assert_status (f, 0);
  g_assert_cmpstr (f->out, ==, "1\n");
  id = g_strstrip (g_strdup (f->out));

  run (f, "deadlines", "--json");
  assert_status (f, 0);
  before = parse_out (f);
  ship_by = find_deadline (before, 1, "ship_by");
  g_assert_nonnull (ship_by);
  g_assert_cmpstr (json_object_get_string_member (ship_by, "order_number"), ==, "8123456789");
  g_assert_cmpstr (json_object_get_string_member (ship_by, "state"), ==, "running");
  g_assert_true (json_object_has_member (ship_by, "on_expiry"));
  g_assert_true (json_object_has_member (ship_by, "buyer_actions"));
  g_assert_true (json_object_has_member (ship_by, "due_late"));
  g_assert_true (ow_time_parse (json_object_get_string_member (ship_by, "due"), NULL, "due",
                                &due_time, NULL));
  /* Seven days after payment, counted in Pacific time. */
  due = g_date_time_new_from_unix_utc (due_time);
  pacific = g_date_time_to_timezone (due, ow_time_zone_get ("America/Los_Angeles"));
  g_assert_cmpint (g_date_time_get_year (pacific), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (pacific), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (pacific), ==, 8);
  g_assert_null (find_deadline (before, 1, "protection_end"));

  /* Past the date and still not shipped: listed as overdue, since the buyer must check
   * that the order was closed and refunded. */
  {
    g_autoptr(JsonNode) late = NULL;
    g_autofree char *saved_now = g_steal_pointer (&f->now);

    f->now = g_strdup ("2026-11-20T00:00:00Z");
    run (f, "deadlines", "--json");
    assert_status (f, 0);
    late = parse_out (f);
    ship_by = find_deadline (late, 1, "ship_by");
    g_assert_nonnull (ship_by);
    g_assert_cmpstr (json_object_get_string_member (ship_by, "state"), ==, "passed");
    g_free (f->now);
    f->now = g_steal_pointer (&saved_now);
  }

  g_free (f->now);
  f->now = g_strdup ("2026-11-06T00:00:00Z");
  run (f, "edit", id, "--shipped", "2026-11-05T12:00:00Z");
  assert_status (f, 0);
  run (f, "deadlines", "--json");
  assert_status (f, 0);
  after = parse_out (f);
  g_assert_nonnull (find_deadline (after, 1, "protection_end"));
  g_assert_nonnull (find_deadline (after, 1, "dispute_opens"));
  g_assert_null (find_deadline (after, 1, "ship_by"));

  /* Sorted by due time. */
  for (guint i = 1; i < json_array_get_length (json_node_get_array (after)); i++)
    {
      JsonArray *a = json_node_get_array (after);

      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, i - 1),
                                                      "due"), <=,
                       json_object_get_string_member (json_array_get_object_element (a, i),
                                                      "due"));
    }

  /* --all also lists the ones not running, with the dispute window closing. */
  run (f, "deadlines", "--json", "--all");
  assert_status (f, 0);
  g_clear_pointer (&after, json_node_unref);
  after = parse_out (f);
  o = find_deadline (after, 1, "dispute_closes");
  g_assert_nonnull (o);
  o = find_deadline (after, 1, "ship_by");
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "met");
}

static void
test_add_show (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *facts;
  JsonArray *parcels;

  run (f, "add", "--order", "700", "--item", "Lamp", "--store", "Bright Store", "--amount", "12",
       "--currency", "eur", "--quantity", "2", "--payment-method", "paypal", "--placed",
       "2026-10-30", "--paid", "2026-10-31T08:00:00Z", "--delivery-days", "75", "--notes",
       "gift, for mum", "--tracking", "LP00123456789012", "--json");
  assert_status (f, 0);
  root = parse_out (f);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "id"), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  run (f, "show", "1", "--json");
  assert_status (f, 0);
  root = parse_out (f);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "marketplace"), ==, "aliexpress");
  g_assert_cmpstr (json_object_get_string_member (o, "store"), ==, "Bright Store");
  g_assert_cmpstr (json_object_get_string_member (o, "amount"), ==, "12.00");
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "EUR");
  g_assert_cmpint (json_object_get_int_member (o, "quantity"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "payment_method"), ==, "paypal");
  g_assert_cmpint (json_object_get_int_member (o, "delivery_days"), ==, 75);
  g_assert_cmpstr (json_object_get_string_member (o, "notes"), ==, "gift, for mum");
  facts = json_object_get_object_member (o, "facts");
  /* A date alone is midnight in Pacific time (PDT on 30 October). */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (facts, "placed"),
                                                  "time"), ==, "2026-10-30T07:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (facts, "paid"),
                                                  "source"), ==, "user");
  g_assert_true (json_object_get_array_member (o, "deadlines") != NULL);
  g_assert_nonnull (json_object_get_string_member (o, "status"));
  parcels = json_object_get_array_member (o, "parcels");
  g_assert_cmpuint (json_array_get_length (parcels), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parcels, 0),
                                                  "tracking_number"), ==, "LP00123456789012");

  /* The human form names the facts and where they came from. */
  run (f, "show", "1");
  assert_status (f, 0);
  g_assert_nonnull (strstr (f->out, "Order 1: aliexpress 700"));
  g_assert_nonnull (strstr (f->out, "Bright Store"));
  g_assert_nonnull (strstr (f->out, "12.00 EUR"));
  g_assert_nonnull (strstr (f->out, "(typed)"));
  g_assert_nonnull (strstr (f->out, "ship_by"));
  g_assert_nonnull (strstr (f->out, "LP00123456789012"));

  /* Same order number on the same marketplace: refused, still one order. */
  run (f, "add", "--order", "700");
  assert_status (f, 1);
  run (f, "list", "--json");
  g_clear_pointer (&root, json_node_unref);
  root = parse_out (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
}

typedef struct
{
  const char *args[10];
  const char *field;
} BadInput;

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  static const BadInput cases[] = {
    { { "add", "--order", "9", "--amount", "4.999" }, "--amount: “4.999” — USD takes at most 2" },
    { { "add", "--order", "9", "--amount", "four" }, "--amount: “four”" },
    { { "add", "--order", "9", "--amount", "5", "--currency", "JPY", "--paid", "2026-02-30" },
      "--paid: “2026-02-30” is not a date" },
    { { "add", "--order", "9", "--shipped", "last week" }, "--shipped: “last week”" },
    { { "add", "--order", "9", "--marketplace", "shopmart" }, "--marketplace: “shopmart”" },
    { { "add", "--order", "9", "--payment-method", "cash" }, "--payment-method: “cash”" },
    { { "add", "--order", "9", "--processing-days", "-3" }, "--processing-days: “-3”" },
    { { "add", "--order", "9", "--delivery-days", "1000" }, "--delivery-days: “1000”" },
    { { "add", "--order", "9", "--quantity", "0" }, "--quantity: “0”" },
    { { "add", "--order", "9", "--currency", "US" }, "--currency: “US”" },
    { { "add", "--item", "No number" }, "--order: an order number is required" },
    { { "add", "--order", "" }, "--order: “” — an order number is required" },
    { { "add", "--order", "9", "--paid", "2026-10-25T00:00:00Z", "--shipped",
        "2026-10-20T00:00:00Z" }, "Shipped must not be before Paid" },
    { { "add", "--order", "9", "--tracking", "" }, "racking" },
    { { "add", "--order", "9", "--provider", "cainiao" }, "--provider" },
    { { "add", "--order", "9", "--colour", "red" }, "unknown option --colour" },
    { { "add", "--order" }, "--order needs a value" },
    { { "add", "--order", "9", "extra" }, "unexpected argument “extra”" },
    /* The policy's pattern, as the editor and import check it. */
    { { "add", "--order", "3041234567890123Copy" },
      "AliExpress order numbers are digits only, such as 8123456789012345; "
      "“3041234567890123Copy” is not one" },
    { { "add", "--marketplace", "amazon", "--order", "3041234567890123" },
      "Amazon order numbers are three groups of digits" },
    { { "edit", "1", "--amount", "1.001" }, "--amount: “1.001”" },
    { { "edit", "1", "--marketplace", "" }, "--marketplace" },
    { { "edit", "1", "--currency", "JPY" }, "--currency: “JPY” — the amount 1.00 does not fit" },
    { { "edit", "x1" }, "“x1” is not an order id" },
    { { "edit" }, "missing arguments" },
    { { "extend", "1", "--days", "-2" }, "--days: “-2”" },
    { { "extend", "1" }, "--days: required" },
    { { "close", "1", "--reason", "bored" }, "--reason: “bored”" },
    { { "close", "1" }, "--reason: required" },
    { { "confirm-received", "1", "--at", "tomorrow" }, "--at: “tomorrow”" },
    { { "deadlines", "--within", "soon" }, "--within: “soon” is not a duration" },
    { { "list", "--filter", "everything" }, "--filter: “everything”" },
    { { "export", "--format", "xml" }, "--format: “xml”" },
    { { "list", "--now", "someday" }, "--now: “someday”" },
  };
  g_autofree char *before = NULL;

  add_order (f, "1000", "2026-11-01T10:00:00Z");
  before = list_json (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *after = NULL;

      g_test_message ("case %u: %s", i, cases[i].field);
      run_argv (f, TRUE, NULL, cases[i].args);
      assert_status (f, 2);
      g_assert_true (g_str_has_prefix (f->err, "orderwatch: "));
      assert_err_contains (f, cases[i].field);
      g_assert_cmpstr (f->out, ==, "");
      after = list_json (f);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_missing_order (Fixture       *f,
                    gconstpointer  data)
{
  const char *commands[][4] = {
    { "show", "42" }, { "edit", "42", "--item", "x" }, { "delete", "42" },
    { "confirm-received", "42" }, { "request-cancel", "42" }, { "refunded", "42" },
    { "extend", "42", "--days", "5" }, { "close", "42", "--reason", "other" },
    { "archive", "42" }, { "unarchive", "42" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *argv[5] = { commands[i][0], commands[i][1], commands[i][2], commands[i][3] };

      run_argv (f, TRUE, NULL, argv);
      assert_status (f, 1);
      assert_err_contains (f, "42");
    }
}

static JsonObject *
show_json (Fixture   *f,
           gint64     id,
           JsonNode **keep)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  run (f, "show", text, "--json");
  assert_status (f, 0);
  *keep = parse_out (f);
  return json_node_get_object (*keep);
}

static const char *
fact (JsonObject *order,
      const char *name,
      const char *member)
{
  JsonObject *facts = json_object_get_object_member (order, "facts");

  if (!json_object_has_member (facts, name))
    return NULL;
  return json_object_get_string_member (json_object_get_object_member (facts, name), member);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  JsonArray *extensions;

  g_free (f->now);
  f->now = g_strdup ("2026-11-20T00:00:00Z");

  /* 1: unpaid. Receipt needs a shipment, a refund and a cancellation a payment. */
  run (f, "add", "--order", "1", "--placed", "2026-11-01T00:00:00Z");
  assert_status (f, 0);
  run (f, "confirm-received", "1");
  assert_status (f, 2);
  assert_err_contains (f, "has not shipped");
  run (f, "refunded", "1");
  assert_status (f, 2);
  assert_err_contains (f, "not paid");
  run (f, "request-cancel", "1");
  assert_status (f, 2);
  assert_err_contains (f, "not paid");
  run (f, "edit", "1", "--paid", "2026-11-01T12:00:00Z");
  assert_status (f, 0);

  /* Cancelling is for before shipment. */
  run (f, "request-cancel", "1", "--at", "2026-11-02T09:00:00Z");
  assert_status (f, 0);
  o = show_json (f, 1, &node);
  g_assert_cmpstr (fact (o, "cancel_requested", "time"), ==, "2026-11-02T09:00:00Z");
  g_assert_cmpstr (fact (o, "cancel_requested", "source"), ==, "user");
  run (f, "request-cancel", "1");
  assert_status (f, 2);
  assert_err_contains (f, "already");

  run (f, "close", "1", "--reason", "cancelled", "--at", "2026-11-05");
  assert_status (f, 0);
  g_clear_pointer (&node, json_node_unref);
  o = show_json (f, 1, &node);
  g_assert_cmpstr (json_object_get_string_member (o, "close_reason"), ==, "cancelled");
  g_assert_cmpstr (fact (o, "closed", "time"), ==, "2026-11-05T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "closed");
  run (f, "close", "1", "--reason", "other");
  assert_status (f, 2);
  assert_err_contains (f, "closed");

  /* 2: paid and shipped. */
  add_order (f, "2", "2026-11-01T10:00:00Z");
  run (f, "request-cancel", "2", "--at", "2026-11-02T00:00:00Z");
  assert_status (f, 0);
  run (f, "edit", "2", "--cancel-requested", "", "--shipped", "2026-11-05T12:00:00Z");
  assert_status (f, 0);
  run (f, "request-cancel", "2");
  assert_status (f, 2);
  assert_err_contains (f, "only before shipment");

  run (f, "extend", "2", "--days", "15", "--at", "2026-11-15T00:00:00Z");
  assert_status (f, 0);
  /* One request at a time: the seller answers the first before a second is made. */
  run (f, "extend", "2", "--days", "10", "--approved");
  assert_status (f, 2);
  assert_err_contains (f, "waiting for the seller");
  run (f, "answer-extension", "2", "--refused");
  assert_status (f, 0);
  run (f, "extend", "2", "--days", "91");
  assert_status (f, 2);
  assert_err_contains (f, "1 to 90 days");
  run (f, "extend", "2", "--days", "10", "--approved");
  assert_status (f, 0);
  g_clear_pointer (&node, json_node_unref);
  o = show_json (f, 2, &node);
  extensions = json_object_get_array_member (o, "extensions");
  g_assert_cmpuint (json_array_get_length (extensions), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (extensions, 0),
                                                  "state"), ==, "refused");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (extensions, 1),
                                               "days"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (extensions, 1),
                                                  "state"), ==, "approved");

  run (f, "confirm-received", "2", "--at", "2026-11-21T00:00:00Z");
  assert_status (f, 2);
  assert_err_contains (f, "in the future");
  run (f, "confirm-received", "2", "--at", "2026-11-19T10:00:00Z");
  assert_status (f, 0);
  g_assert_nonnull (strstr (f->out, "receipt confirmed"));
  run (f, "confirm-received", "2");
  assert_status (f, 2);
  assert_err_contains (f, "already");

  /* A refund follows a dispute, a cancellation or a closure. */
  run (f, "refunded", "2");
  assert_status (f, 2);
  assert_err_contains (f, "record that first");
  run (f, "open-dispute", "2", "--at", "2026-11-19T12:00:00Z");
  assert_status (f, 0);
  run (f, "refunded", "2", "--json");
  assert_status (f, 0);
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "id"), ==, 2);
  g_clear_pointer (&node, json_node_unref);
  o = show_json (f, 2, &node);
  g_assert_cmpstr (fact (o, "refunded", "time"), ==, "2026-11-20T00:00:00Z");
  g_assert_cmpstr (fact (o, "received", "time"), ==, "2026-11-19T10:00:00Z");

  /* Archive, bring back, delete. */
  run (f, "archive", "2");
  assert_status (f, 0);
  run (f, "list", "--filter", "archived", "--json");
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  run (f, "archive", "2", "--undo");
  assert_status (f, 0);
  run (f, "archive", "2");
  run (f, "unarchive", "2");
  assert_status (f, 0);
  run (f, "list", "--filter", "archived", "--json");
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);

  run (f, "delete", "1");
  assert_status (f, 0);
  run (f, "show", "1");
  assert_status (f, 1);
  run (f, "list", "--json");
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  g_free (f->now);
  f->now = g_strdup ("2026-11-20T00:00:00Z");
  run (f, "add", "--order", "5", "--item", "Cable", "--store", "S", "--amount", "3.00",
       "--paid", "2026-11-01T10:00:00Z", "--shipped", "2026-11-03T10:00:00Z",
       "--processing-days", "5");
  assert_status (f, 0);

  /* Only the options given change; "" clears. */
  run (f, "edit", "1", "--item", "Better cable", "--shipped", "", "--store", "", "--json");
  assert_status (f, 0);
  o = show_json (f, 1, &node);
  g_assert_cmpstr (json_object_get_string_member (o, "item"), ==, "Better cable");
  g_assert_true (json_object_get_null_member (o, "store"));
  g_assert_null (fact (o, "shipped", "time"));
  g_assert_cmpstr (fact (o, "paid", "time"), ==, "2026-11-01T10:00:00Z");
  g_assert_cmpint (json_object_get_int_member (o, "processing_days"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (o, "amount"), ==, "3.00");

  /* A new currency keeps the amount when it fits. */
  run (f, "edit", "1", "--currency", "EUR", "--processing-days", "");
  assert_status (f, 0);
  g_clear_pointer (&node, json_node_unref);
  o = show_json (f, 1, &node);
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "EUR");
  g_assert_cmpstr (json_object_get_string_member (o, "amount"), ==, "3.00");
  g_assert_cmpint (json_object_get_int_member (o, "processing_days"), ==, 0);

  /* The global options work before the command too. */
  {
    const char *argv[] = { "--db", f->db, "edit", "1", "--amount", "500", "--currency", "JPY",
                           NULL };

    run_argv (f, FALSE, NULL, argv);
    assert_status (f, 0);
  }
  g_clear_pointer (&node, json_node_unref);
  o = show_json (f, 1, &node);
  g_assert_cmpstr (json_object_get_string_member (o, "amount"), ==, "500");
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  run (f, "add", "--order", "111", "--item", "Red socks", "--amount", "2.50", "--paid",
       "2026-11-01T10:00:00Z");
  run (f, "add", "--order", "222", "--item", "Blue hat", "--amount", "9.99");
  assert_status (f, 0);

  run (f, "list");
  assert_status (f, 0);
  g_assert_true (g_str_has_prefix (f->out, "ID"));
  g_assert_nonnull (strstr (f->out, "NEXT DEADLINE"));
  g_assert_nonnull (strstr (f->out, "Red socks"));
  g_assert_nonnull (strstr (f->out, "2.50 USD"));

  run (f, "list", "--search", "SOCKS", "--json");
  assert_status (f, 0);
  node = parse_out (f);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "order_number"), ==, "111");
  g_assert_true (json_object_has_member (json_array_get_object_element (array, 0),
                                         "next_deadline"));

  run (f, "list", "--filter", "awaiting_payment", "--json");
  assert_status (f, 0);
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "status"), ==, "awaiting_payment");
}

static void
test_deadlines_within (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  /* Ship-by in 7 days for one, in 2 days for the other. */
  run (f, "add", "--order", "1", "--paid", "2026-11-01T10:00:00Z", "--processing-days", "7");
  run (f, "add", "--order", "2", "--paid", "2026-11-01T10:00:00Z", "--processing-days", "2");
  assert_status (f, 0);

  run (f, "deadlines", "--within", "3d", "--json");
  assert_status (f, 0);
  node = parse_out (f);
  array = json_node_get_array (node);
  g_assert_nonnull (find_deadline (node, 2, "ship_by"));
  g_assert_null (find_deadline (node, 1, "ship_by"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i),
                                                    "due"), <=, "2026-11-05T00:00:00Z");

  run (f, "deadlines");
  assert_status (f, 0);
  g_assert_nonnull (strstr (f->out, "DUE"));

  /* Archived orders drop out unless --all. */
  run (f, "archive", "2");
  run (f, "deadlines", "--json");
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  g_assert_null (find_deadline (node, 2, "ship_by"));
  run (f, "deadlines", "--json", "--all");
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  g_assert_nonnull (find_deadline (node, 2, "ship_by"));
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", name, NULL);
}

static void
test_import_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *bad = fixture_path ("bad-row.csv");
  g_autofree char *every = fixture_path ("every-column.csv");
  g_autofree char *before = list_json (f);
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  /* One bad row: nothing imported, the row named by line and column. */
  run (f, "import", bad);
  assert_status (f, 2);
  assert_err_contains (f, "line 5, column paid:");
  assert_err_contains (f, "nothing was imported");
  after = list_json (f);
  g_assert_cmpstr (after, ==, before);

  /* --skip-invalid: the good rows go in, the bad one is reported, exit 1. */
  run (f, "import", bad, "--skip-invalid", "--json");
  assert_status (f, 1);
  assert_err_contains (f, "line 5, column paid:");
  node = parse_out (f);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "imported"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "skipped_invalid"), ==, 1);
  run (f, "list", "--json");
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 3);

  /* Again: those orders are there already. */
  g_clear_pointer (&after, g_free);
  after = list_json (f);
  run (f, "import", bad, "--skip-invalid");
  assert_status (f, 1);
  assert_err_contains (f, "line 2, order aliexpress 8200000000000001 is already in the database");
  {
    g_autofree char *now = list_json (f);

    g_assert_cmpstr (now, ==, after);
  }
  run (f, "import", bad, "--skip-invalid", "--skip-existing");
  assert_status (f, 1);
  g_assert_nonnull (strstr (f->out, "Imported 0 orders; 3 were already in the database"));

  /* Every column, BOM and CRLF, the format told by the extension; dates in the policy zone. */
  run (f, "import", every);
  assert_status (f, 0);
  g_assert_cmpstr (f->out, ==, "Imported 3 orders.\n");
  run (f, "list", "--search", "27-11111-22222", "--filter", "archived", "--json");
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  o = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "marketplace"), ==, "ebay");
  g_assert_cmpstr (fact (o, "placed", "time"), ==, "2026-10-02T07:00:00Z");

  /* From standard input, format sniffed. */
  run_argv (f, TRUE, "order_number,item\n990,Piped\n", (const char *[]) { "import", "-", NULL });
  assert_status (f, 0);
  run (f, "list", "--search", "Piped", "--json");
  g_clear_pointer (&node, json_node_unref);
  node = parse_out (f);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);

  run (f, "import", "/nonexistent/file.csv");
  assert_status (f, 1);
}

static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *every = fixture_path ("every-column.csv");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *json_path = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *db = g_strdup (f->db);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *csv = NULL;

  g_free (f->now);
  f->now = g_strdup ("2026-11-20T00:00:00Z");
  run (f, "import", every);
  assert_status (f, 0);
  run (f, "add", "--order", "5", "--notes", "Line one\nLine two", "--paid",
       "2026-11-01T10:00:00Z", "--shipped", "2026-11-05T12:00:00Z");
  assert_status (f, 0);
  run (f, "extend", "4", "--days", "15", "--approved", "--at", "2026-11-01T12:00:00Z");
  assert_status (f, 0);

  run (f, "export");
  assert_status (f, 0);
  first = g_strdup (f->out);
  node = parse_out (f);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "format"), ==,
                   "orderwatch");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "version"), ==, 2);
  run (f, "export", "--output", json_path);
  assert_status (f, 0);

  /* Into a fresh database and out again: the same bytes, ids included. */
  g_free (f->db);
  f->db = g_build_filename (f->dir, "fresh.db", NULL);
  run (f, "import", json_path);
  assert_status (f, 0);
  g_assert_cmpstr (f->out, ==, "Imported 4 orders.\n");
  run (f, "export");
  assert_status (f, 0);
  second = g_strdup (f->out);
  g_assert_cmpstr (first, ==, second);

  /* CSV by the extension of --output: CRLF, header first. */
  run (f, "export", "--output", csv_path);
  assert_status (f, 0);
  g_file_get_contents (csv_path, &csv, NULL, NULL);
  g_assert_true (g_str_has_prefix (csv, "marketplace,order_number,item,"));
  g_assert_nonnull (strstr (csv, "\r\n"));
  g_assert_nonnull (strstr (csv, "\"Line one\nLine two\""));
  g_free (f->db);
  f->db = g_steal_pointer (&db);
}

static void
test_export_ics (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  guint n_events = 0, depth = 0;

  g_free (f->now);
  f->now = g_strdup ("2026-11-06T00:00:00Z");
  run (f, "add", "--order", "8123456789", "--item", "USB-C cable, braided; 2 m",
       "--paid", "2026-11-01T10:00:00Z", "--shipped", "2026-11-05T12:00:00Z");
  assert_status (f, 0);
  run (f, "add", "--order", "2", "--item", "Archived", "--paid", "2026-11-01T10:00:00Z");
  run (f, "archive", "2");

  run (f, "export", "--format", "ics");
  assert_status (f, 0);
  g_assert_true (g_str_has_prefix (f->out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
  g_assert_true (g_str_has_suffix (f->out, "END:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (f->out, "\r\nUID:1-protection_end@orderwatch\r\n"));
  g_assert_nonnull (strstr (f->out, "\r\nDTSTAMP:20261106T000000Z\r\n"));
  g_assert_nonnull (strstr (f->out, "\r\nSUMMARY:Buyer Protection: USB-C cable\\, braided\\; 2 m"));
  g_assert_null (strstr (f->out, "UID:2-"));

  lines = g_strsplit (f->out, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      if (g_str_has_prefix (lines[i], "BEGIN:"))
        depth++;
      if (g_str_has_prefix (lines[i], "END:"))
        depth--;
      if (g_str_equal (lines[i], "BEGIN:VEVENT"))
        n_events++;
    }
  g_assert_cmpuint (depth, ==, 0);
  g_assert_cmpuint (n_events, >=, 2);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const char *commands[] = { "add", "edit", "list", "show", "deadlines", "confirm-received",
                             "request-cancel", "extend", "close", "refunded", "archive",
                             "unarchive", "delete", "import", "export", "help" };

  run (f, "help");
  assert_status (f, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (f->out, commands[i]));

  run (f, "help", "import");
  assert_status (f, 0);
  g_assert_nonnull (strstr (f->out, "order_number"));
  g_assert_nonnull (strstr (f->out, "cancel_requested"));
  g_assert_nonnull (strstr (f->out, "--skip-invalid"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("Usage: orderwatch %s", commands[i]);

      run (f, commands[i], "--help");
      assert_status (f, 0);
      g_assert_true (g_str_has_prefix (f->out, usage));
      g_assert_nonnull (strstr (f->out, "--db PATH"));
    }

  run (f, "add", "--help");
  g_assert_nonnull (strstr (f->out, "--payment-method METHOD"));
  g_assert_nonnull (strstr (f->out, "--tracking NUMBER"));

  run (f, "help", "frobnicate");
  assert_status (f, 2);
}

/* `--db ""` opened a temporary SQLite database: the order vanished with exit status 0. */
static void
test_empty_db_path (Fixture       *f,
                    gconstpointer  data)
{
  const char *cases[][8] = {
    { "add", "--order", "9", "--item", "Lost", "--db", "" },
    { "--db", "", "add", "--order", "9" },
    { "--db=", "list" },
    { "list", "--db=" },
    { "export", "--db", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      run_argv (f, FALSE, NULL, cases[i]);
      assert_status (f, 2);
      assert_err_contains (f, "--db: “” — the path of the orders database must not be empty");
      g_assert_cmpstr (f->out, ==, "");
    }
}

/* `orderwatch lst` fell through to the window ("This application can not open files",
 * exit 1). */
static void
test_unknown_command (Fixture       *f,
                      gconstpointer  data)
{
  static const struct { const char *args[4]; const char *message; } cases[] = {
    { { "lst" }, "orderwatch: unknown command “lst”; did you mean “list”? “orderwatch help” "
                 "lists the commands\n" },
    { { "lsit", "--json" }, "unknown command “lsit”; did you mean “list”?" },
    { { "--json", "refersh", "1" }, "unknown command “refersh”; did you mean “refresh”?" },
    { { "confirm", "1" }, "unknown command “confirm”; did you mean “confirm-received”?" },
    { { "Export" }, "unknown command “Export”; did you mean “export”?" },
    { { "frobnicate" }, "orderwatch: unknown command “frobnicate”; “orderwatch help” lists the "
                        "commands\n" },
    { { "help", "lst" }, "help: unknown command “lst”; did you mean “list”?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].message);
      run_argv (f, TRUE, NULL, cases[i].args);
      assert_status (f, 2);
      assert_err_contains (f, cases[i].message);
      g_assert_cmpstr (f->out, ==, "");
    }
  /* Nothing was created by any of them. */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

/* Decimals beyond a gint64 overflowed while being added up (UBSan); refused instead. */
static void
test_amount_overflow (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *before = list_json (f);
  g_autofree char *after = NULL;

  run (f, "add", "--order", "9", "--amount", "0.99999999999999999999");
  assert_status (f, 2);
  assert_err_contains (f, "--amount: “0.99999999999999999999” — USD takes at most 2 decimals");
  after = list_json (f);
  g_assert_cmpstr (after, ==, before);
}

/* Files nested 80,000 deep crashed the command (SIGSEGV): an import file, and a policy
 * override, which broke every command until removed. */
static void
test_deeply_nested_json (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) deep = ow_test_nested_json ("{\"format\": \"orderwatch\", \"version\": 1, "
                                                "\"orders\": ", 80000, "}");
  g_autofree char *file = g_build_filename (f->dir, "deep.json", NULL);
  g_autofree char *policies = g_build_filename (g_get_user_config_dir (), "orderwatch",
                                                "policies", NULL);
  g_autofree char *override = g_build_filename (policies, "aliexpress.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  add_order (f, "1000", "2026-11-01T10:00:00Z");
  before = list_json (f);
  g_file_set_contents (file, g_bytes_get_data (deep, NULL), g_bytes_get_size (deep), &error);
  g_assert_no_error (error);

  run (f, "import", file);
  assert_status (f, 2);
  assert_err_contains (f, "nested more than 64 levels deep");
  after = list_json (f);
  g_assert_cmpstr (after, ==, before);

  /* The override is skipped with a warning; the bundled policy serves. */
  g_assert_cmpint (g_mkdir_with_parents (policies, 0700), ==, 0);
  g_file_set_contents (override, g_bytes_get_data (deep, NULL), g_bytes_get_size (deep),
                       &error);
  g_assert_no_error (error);
  run (f, "deadlines", "--json");
  assert_status (f, 0);
  assert_err_contains (f, "aliexpress.json: not a policy file");
  g_assert_nonnull (strstr (f->out, "ship_by"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("acceptance", test_acceptance);
  ADD ("add-show", test_add_show);
  ADD ("bad-input", test_bad_input);
  ADD ("missing-order", test_missing_order);
  ADD ("actions", test_actions);
  ADD ("edit", test_edit);
  ADD ("list", test_list);
  ADD ("deadlines/within", test_deadlines_within);
  ADD ("import/csv", test_import_csv);
  ADD ("export/round-trip", test_export_round_trip);
  ADD ("export/ics", test_export_ics);
  ADD ("help", test_help);
  ADD ("hostile/deeply-nested-json", test_deeply_nested_json);
  ADD ("hostile/empty-db-path", test_empty_db_path);
  ADD ("hostile/unknown-command", test_unknown_command);
  ADD ("hostile/amount-overflow", test_amount_overflow);

#undef ADD

  return g_test_run ();
}
