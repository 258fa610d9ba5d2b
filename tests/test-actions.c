/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every action on orders in every state, asked of the three faces: the core's answer (with
 * its reason), what `orderwatch show --json` lists and what the command refuses (exit 2, the
 * same reason, nothing written), and what the window enables (the same reason on the row).
 * A real SQLite file, the real built command, a real window under Xvfb. */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "ow-countdown-clock.h"
#include "ow-dispute-guide.h"
#include "ow-error.h"
#include "ow-order-action.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store.h"
#include "ow-test-ui.h"
#include "ow-test-util.h"
#include "ow-time.h"
#include "ow-window.h"

#define DAY 86400

/* Expected availability, in OwOrderAction order:
 * confirm, extend, answer, cancel, dispute, refunded, close, edit, archive, unarchive, delete */
typedef struct
{
  const char *name;
  const char *available;      /* one letter an action: y or n */
  const char *reason_part;    /* part of the first refused action's reason */
} State;

static const State states[] = {
  { "unpaid",           "nnnnnnyyyny", "has not shipped" },
  { "paid",             "nnnynnyyyny", "has not shipped" },
  { "shipped",          "yynnnnyyyny", "No extension request" },
  { "dispute-window",   "yynnynyyyny", "No extension request" },
  { "delivered",        "yynnynyyyny", "No extension request" },
  { "received",         "nnnnynyyyny", "already confirmed" },
  { "cancel-requested", "nnnnnyyyyny", "has not shipped" },
  { "disputed",         "nnnnnyyyyny", "A dispute is open" },
  { "closed",           "nnnnnynyyny", "was closed on" },
  { "refunded",         "nnnnnnnyyny", "was closed on" },
  { "archived",         "nnnnynyynyy", "already confirmed" },
  { "pending-extension","ynynynyyyny", "waiting for the seller" },
};

/* The facts of each state, relative to @now. */
static OwOrder *
make_order (const char *state,
            gint64      now)
{
  OwOrder *order = ow_order_new ();
  g_autofree char *number = g_strdup_printf ("81000%u", g_str_hash (state) % 100000);

  ow_order_set_order_number (order, number);
  ow_order_set_item_title (order, state);
  ow_order_set_amount (order, 1299);

#define AT(event, days_ago) ow_order_set_time (order, event, now - (days_ago) * DAY, OW_FACT_USER)
  /* Recent enough that neither the payment time nor the ship-by date has run out. */
  if (g_str_equal (state, "unpaid") || g_str_equal (state, "paid") ||
      g_str_equal (state, "cancel-requested"))
    {
      AT (OW_EVENT_PLACED, 3);
      if (!g_str_equal (state, "unpaid"))
        AT (OW_EVENT_PAID, 2);
      if (g_str_equal (state, "cancel-requested"))
        AT (OW_EVENT_CANCEL_REQUESTED, 1);
      return order;
    }
  AT (OW_EVENT_PLACED, 20);
  AT (OW_EVENT_PAID, 19);
  if (g_str_equal (state, "closed") || g_str_equal (state, "refunded"))
    {
      AT (OW_EVENT_CANCEL_REQUESTED, 6);
      AT (OW_EVENT_CLOSED, 3);
      ow_order_set_close_reason (order, OW_CLOSE_CANCELLED);
      if (g_str_equal (state, "refunded"))
        AT (OW_EVENT_REFUNDED, 1);
    }
  else if (g_str_equal (state, "shipped"))
    AT (OW_EVENT_SHIPPED, 8);
  else
    {
      AT (OW_EVENT_SHIPPED, 15);
      if (g_str_equal (state, "delivered"))
        AT (OW_EVENT_DELIVERED, 1);
      else if (g_str_equal (state, "received") || g_str_equal (state, "archived"))
        AT (OW_EVENT_RECEIVED, 1);
      else if (g_str_equal (state, "disputed"))
        AT (OW_EVENT_DISPUTE_OPENED, 1);
      else if (g_str_equal (state, "pending-extension"))
        {
          OwExtension extension = { now - 2 * DAY, 10, OW_EXTENSION_PENDING };

          ow_order_add_extension (order, &extension);
        }
      if (g_str_equal (state, "archived"))
        ow_order_set_archived (order, TRUE);
    }
#undef AT
  return order;
}

typedef struct
{
  char             *db;
  char             *now_text;
  gint64            now;
  OwStore          *store;
  OwPolicyRegistry *policies;
  OwPolicy         *policy;
  gint64            ids[G_N_ELEMENTS (states)];
  char             *out;
  char             *err;
  int               status;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Whole seconds: the command line reads the time back from text. */
  f->now = ow_time_now ();
  f->now_text = ow_time_format_iso_utc (f->now);
  f->db = ow_test_db_path ("actions");
  f->store = ow_store_open (f->db, &error);
  g_assert_no_error (error);
  f->policies = ow_policy_registry_new ();
  f->policy = ow_policy_registry_lookup (f->policies, "aliexpress");
  g_assert_nonnull (f->policy);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(OwOrder) order = make_order (states[i].name, f->now);

      g_assert_true (ow_order_validate_at (order, f->now, &error));
      g_assert_true (ow_store_add_order (f->store, order, &error));
      g_assert_no_error (error);
      f->ids[i] = ow_order_get_id (order);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->policies);
  g_free (f->db);
  g_free (f->now_text);
  g_free (f->out);
  g_free (f->err);
}

static OwOrder *
load (Fixture *f,
      guint    state)
{
  g_autoptr(GError) error = NULL;
  OwOrder *order = ow_store_get_order (f->store, f->ids[state], &error);

  g_assert_no_error (error);
  return order;
}

static int
run_argv (Fixture            *f,
          const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, (gpointer) g_getenv ("ORDERWATCH_BIN"));
  g_assert_nonnull (args->pdata[0]);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->db);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "ORDERWATCH_NOW", f->now_text, TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &f->out, &f->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  f->status = g_subprocess_get_exit_status (process);
  return f->status;
}

/* The core: the table, and a reason exactly when refused. */
static void
test_core (Fixture       *f,
           gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(OwOrder) order = load (f, i);
      gboolean first_refusal = TRUE;

      g_test_message ("state %s", states[i].name);
      g_assert_cmpuint (strlen (states[i].available), ==, OW_N_ACTIONS);
      for (guint a = 0; a < OW_N_ACTIONS; a++)
        {
          g_autofree char *reason = NULL;
          gboolean available = ow_order_action_is_available (a, order, f->policy, f->now,
                                                             &reason);

          if (available != (states[i].available[a] == 'y'))
            g_error ("%s: %s is %s (%s)", states[i].name, ow_order_action_to_string (a),
                     available ? "available" : "refused", reason ? reason : "no reason");
          g_assert_true (available == (reason == NULL));
          if (!available && first_refusal)
            {
              if (strstr (reason, states[i].reason_part) == NULL)
                g_error ("%s: %s: “%s” does not say “%s”", states[i].name,
                         ow_order_action_to_string (a), reason, states[i].reason_part);
              first_refusal = FALSE;
            }
        }
    }
}

static const char *
command_for (OwOrderAction action)
{
  switch (action)
    {
    case OW_ACTION_CONFIRM_RECEIVED: return "confirm-received";
    case OW_ACTION_EXTEND: return "extend";
    case OW_ACTION_ANSWER_EXTENSION: return "answer-extension";
    case OW_ACTION_REQUEST_CANCEL: return "request-cancel";
    case OW_ACTION_OPEN_DISPUTE: return "open-dispute";
    case OW_ACTION_REFUNDED: return "refunded";
    case OW_ACTION_CLOSE: return "close";
    case OW_ACTION_ARCHIVE: return "archive";
    case OW_ACTION_UNARCHIVE: return "unarchive";
    case OW_ACTION_EDIT:
    case OW_ACTION_DELETE:
    default:
      return NULL;   /* never refused */
    }
}

static char *
show_json (Fixture *f,
           gint64   id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  run_argv (f, (const char *[]) { "show", text, "--json", NULL });
  g_assert_cmpint (f->status, ==, 0);
  return g_strdup (f->out);
}

/* The command line: `show --json` lists the core's answers in its order; an unavailable
 * action is refused with exit 2 and the core's reason, and nothing changes. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(OwOrder) order = load (f, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->ids[i]);
      g_autofree char *before = show_json (f, f->ids[i]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *actions;

      g_test_message ("state %s", states[i].name);
      json_parser_load_from_data (parser, before, -1, &error);
      g_assert_no_error (error);
      actions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                              "actions");
      g_assert_nonnull (actions);
      g_assert_cmpuint (json_array_get_length (actions), ==, OW_N_ACTIONS);

      for (guint a = 0; a < OW_N_ACTIONS; a++)
        {
          JsonObject *listed = json_array_get_object_element (actions, a);
          g_autofree char *reason = NULL;
          gboolean available = ow_order_action_is_available (a, order, f->policy, f->now,
                                                             &reason);
          const char *command = command_for (a);
          g_autofree char *after = NULL;

          g_assert_cmpstr (json_object_get_string_member (listed, "id"), ==,
                           ow_order_action_to_string (a));
          g_assert_cmpint (json_object_get_boolean_member (listed, "available"), ==, available);
          if (available)
            g_assert_true (json_object_get_null_member (listed, "reason"));
          else
            g_assert_cmpstr (json_object_get_string_member (listed, "reason"), ==, reason);

          if (available || command == NULL)
            continue;
          if (a == OW_ACTION_EXTEND)
            run_argv (f, (const char *[]) { command, id, "--days", "10", NULL });
          else if (a == OW_ACTION_ANSWER_EXTENSION)
            run_argv (f, (const char *[]) { command, id, "--approved", NULL });
          else if (a == OW_ACTION_CLOSE)
            run_argv (f, (const char *[]) { command, id, "--reason", "other", NULL });
          else
            run_argv (f, (const char *[]) { command, id, NULL });
          if (f->status != 2 || strstr (f->err, reason) == NULL)
            g_error ("%s: %s: exit %d, “%s”; expected 2 and “%s”", states[i].name, command,
                     f->status, f->err, reason);
          after = show_json (f, f->ids[i]);
          g_assert_cmpstr (after, ==, before);
        }
    }
}

/* The row on the order page that activates @action_name, found through its public face. */
static gboolean
activates (GtkWidget     *widget,
           gconstpointer  action_name)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *action_name)
{
  return ADW_ACTION_ROW (ow_test_find_widget (widget, activates, action_name));
}

static gboolean
shows_order (gpointer data)
{
  gpointer *pair = data;

  return ow_window_get_shown_order_id (pair[0]) == *(gint64 *) pair[1];
}

/* The window: the order page's rows are sensitive exactly when the core allows the action,
 * and a refused one says the core's reason; the window's own actions follow the core too. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  static const struct { OwOrderAction action; const char *name; } page[] = {
    { OW_ACTION_CONFIRM_RECEIVED, "order.confirm-received" },
    { OW_ACTION_EXTEND, "order.request-extension" },
    { OW_ACTION_REQUEST_CANCEL, "order.request-cancellation" },
    { OW_ACTION_OPEN_DISPUTE, "order.open-dispute" },
    { OW_ACTION_REFUNDED, "order.refund-received" },
  };
  static const struct { OwOrderAction action; const char *name; } window[] = {
    { OW_ACTION_EDIT, "edit-order" },
    { OW_ACTION_ARCHIVE, "archive-order" },
    { OW_ACTION_UNARCHIVE, "unarchive-order" },
    { OW_ACTION_DELETE, "delete-order" },
  };
  OwWindow *win = ow_window_new_for_store (NULL, f->store, f->policies);
  gpointer weak = win;

  g_object_add_weak_pointer (G_OBJECT (win), &weak);
  ow_countdown_clock_set_fixed_now (ow_window_get_clock (win), f->now);
  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 900);
  gtk_window_present (GTK_WINDOW (win));
  ow_test_wait_for_draw (GTK_WIDGET (win));

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(OwOrder) order = load (f, i);
      gpointer pair[2] = { win, &f->ids[i] };
      GtkWidget *detail;

      g_test_message ("state %s", states[i].name);
      ow_window_show_order (win, f->ids[i]);
      g_assert_true (ow_test_wait_until (shows_order, pair, 5000));
      ow_test_wait_for_draw (GTK_WIDGET (win));
      detail = ow_window_get_detail (win);

      for (guint p = 0; p < G_N_ELEMENTS (page); p++)
        {
          AdwActionRow *row = find_row (detail, page[p].name);
          g_autofree char *reason = NULL;
          /* The dispute row opens the wizard, which also leads to PayPal or the card once the
           * marketplace has closed, and prepares one before it opens. */
          gboolean available = page[p].action == OW_ACTION_OPEN_DISPUTE
                               ? ow_dispute_guide_can_start (order, f->policies, NULL, f->now,
                                                             &reason)
                               : ow_order_action_is_available (page[p].action, order, f->policy,
                                                               f->now, &reason);

          g_assert_nonnull (row);
          if (gtk_widget_is_sensitive (GTK_WIDGET (row)) != available)
            g_error ("%s: the row of %s is %s", states[i].name, page[p].name,
                     available ? "insensitive" : "sensitive");
          if (!available)
            g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, reason);
        }
      for (guint w = 0; w < G_N_ELEMENTS (window); w++)
        {
          GAction *action = g_action_map_lookup_action (G_ACTION_MAP (win), window[w].name);
          gboolean available = ow_order_action_is_available (window[w].action, order,
                                                             f->policy, f->now, NULL);

          g_assert_nonnull (action);
          g_assert_cmpint (g_action_get_enabled (action), ==, available);
        }

      if (g_str_equal (states[i].name, "shipped"))
        g_free (ow_test_screenshot (GTK_WIDGET (win), "actions-shipped"));
      else if (g_str_equal (states[i].name, "closed"))
        g_free (ow_test_screenshot (GTK_WIDGET (win), "actions-closed"));
    }

  gtk_window_destroy (GTK_WINDOW (win));
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Applying through the core: one transaction that reads, checks and writes; refused
 * requests write nothing. */
static void
test_apply (Fixture       *f,
            gconstpointer  data)
{
  OwActionRequest request = { OW_ACTION_EXTEND, OW_TIME_UNSET, 91, OW_EXTENSION_PENDING, 0,
                              OW_CLOSE_NONE };
  g_autoptr(OwOrder) before = load (f, 2);
  g_autoptr(OwOrder) after = NULL;
  g_autoptr(OwOrder) done = NULL;
  g_autoptr(GError) error = NULL;

  /* The policy's range (AliExpress: 1 to 90 days). */
  g_assert_null (ow_order_action_apply (f->store, f->policies, f->ids[2], &request, f->now,
                                        &error));
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "1 to 90 days"));
  g_clear_error (&error);
  after = load (f, 2);
  g_assert_true (ow_order_equal (before, after));

  /* A time in the future is refused by the one validator. */
  request.days = 10;
  request.at = f->now + DAY;
  g_assert_null (ow_order_action_apply (f->store, f->policies, f->ids[2], &request, f->now,
                                        &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == OW_INPUT_ERROR);
  g_assert_nonnull (strstr (error->message, "in the future"));
  g_clear_error (&error);

  request.at = OW_TIME_UNSET;
  done = ow_order_action_apply (f->store, f->policies, f->ids[2], &request, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ow_order_get_n_extensions (done), ==, 1);
  g_assert_cmpint (ow_order_get_extension (done, 0)->days, ==, 10);

  /* Now pending: a second request waits for the seller's answer. */
  g_clear_object (&done);
  done = ow_order_action_apply (f->store, f->policies, f->ids[2], &request, f->now, &error);
  g_assert_null (done);
  g_assert_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_UNAVAILABLE);
}

/* Confirming receipt warns that it ends Buyer Protection, except on an order already known
 * to be received without a date (an imported "Completed"), where it only dates the receipt,
 * at today. */
static void
test_confirm_warning (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OwOrder) delivered = load (f, 4);
  g_autoptr(OwOrder) completed = ow_order_copy (delivered);
  g_autofree char *usual = NULL;
  g_autofree char *undated = NULL;

  g_assert_cmpstr (states[4].name, ==, "delivered");
  usual = ow_order_action_get_warning (OW_ACTION_CONFIRM_RECEIVED, delivered, f->policy,
                                       f->now);
  g_assert_nonnull (strstr (usual, "ends Buyer Protection"));
  g_assert_nonnull (strstr (usual, "days to open a dispute"));

  ow_order_set_time_undated (completed, OW_EVENT_RECEIVED, OW_FACT_IMPORTED);
  g_assert_true (ow_order_action_is_available (OW_ACTION_CONFIRM_RECEIVED, completed,
                                               f->policy, f->now, NULL));
  undated = ow_order_action_get_warning (OW_ACTION_CONFIRM_RECEIVED, completed, f->policy,
                                         f->now);
  g_assert_null (strstr (undated, "Buyer Protection"));
  g_assert_nonnull (strstr (undated, "records today as the day it arrived"));
  g_assert_nonnull (strstr (undated, "days to open a dispute"));
  g_assert_nonnull (strstr (undated, "if it arrived earlier, there is less time"));

  /* No other action warns. */
  g_assert_null (ow_order_action_get_warning (OW_ACTION_EXTEND, delivered, f->policy, f->now));
}

int
main (int   argc,
      char *argv[])
{
  /* Reasons carry dates in the user's zone; the command line runs in UTC too. */
  g_setenv ("TZ", "UTC", TRUE);
  ow_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/actions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("core", test_core);
  ADD ("confirm-warning", test_confirm_warning);
  ADD ("cli", test_cli);
  ADD ("window", test_window);
  ADD ("apply", test_apply);
#undef ADD

  return g_test_run ();
}
