/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The commands that read: list, show and deadlines. */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ow-cli-private.h"
#include "ow-cli-tracking.h"
#include "ow-deadlines.h"
#include "ow-json-items.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute.h"
#include "ow-export.h"
#include "ow-money.h"
#include "ow-order-action.h"
#include "ow-order-list.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store.h"
#include "ow-time.h"

/* Adds "status", "needs_action", "next_action" and "next_deadline" to an order object. */
static void
add_summary_members (OwOrder             *order,
                     const OwDeadlineSet *set,
                     gint64               now,
                     OwJsonWriter        *writer)
{
  const OwDeadline *next = set ? ow_deadlines_get_next (set) : NULL;
  const char *action = set ? ow_deadlines_next_action (set) : NULL;

  ow_json_writer_string_member (writer, "status",
                                set ? ow_order_status_to_string (set->status) : NULL);
  ow_json_writer_boolean_member (writer, "needs_action", set != NULL && set->needs_action);
  ow_json_writer_string_member (writer, "next_action", action);
  ow_json_writer_member (writer, "next_deadline");
  if (next != NULL && next->rule != NULL)
    {
      ow_json_writer_begin_object (writer);
      ow_export_deadline_members (order, next, now, writer);
      ow_json_writer_end_object (writer);
    }
  else
    ow_json_writer_null (writer);
}

/* ---- list ---- */

/* @order's deadlines into @set, kept nowhere; returns its headline deadline or NULL. */
static const OwDeadline *
compute_headline (OwOrderList   *list,
                  OwOrder       *order,
                  OwDeadlineSet *set)
{
  ow_order_list_compute_deadlines (list, order, set);
  return ow_deadlines_get_headline (set);
}

static int
list_run (OwCli     *cli,
          OwCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwOrderList) list = NULL;
  const char *filter_text = ow_cli_args_get (args, "filter");
  OwOrderFilter filter = OW_FILTER_ALL;
  OwStore *store;
  guint n;

  if (filter_text != NULL && !ow_order_filter_from_string (filter_text, &filter))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < OW_N_FILTERS; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", ow_order_filter_to_string (i));
      return ow_cli_usage_error (cli, _("--filter: “%s” — use one of %s"), filter_text,
                                 names->str);
    }

  if ((store = ow_cli_get_store (cli, &error)) == NULL)
    return ow_cli_report_error (cli, error);

  list = ow_order_list_new (store, ow_cli_get_policies (cli));
  ow_order_list_set_now (list, cli->now);
  ow_order_list_set_filter (list, filter);
  ow_order_list_set_search (list, ow_cli_args_get (args, "search"));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (cli->json)
    {
      g_autoptr(OwJsonWriter) writer = ow_cli_json_writer_new ();

      ow_json_writer_begin_array (writer);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OwOrder) order = g_list_model_get_item (G_LIST_MODEL (list), i);
          OwDeadlineSet set;

          /* On the stack: a set kept per order would be 80 MiB at 100,000 orders. */
          ow_order_list_compute_deadlines (list, order, &set);
          ow_json_writer_begin_object (writer);
          ow_export_order_members (order, writer);
          add_summary_members (order, &set, cli->now, writer);
          ow_json_writer_end_object (writer);
        }
      ow_json_writer_end_array (writer);
      return ow_cli_json_writer_finish (cli, writer);
    }

  if (n == 0)
    {
      g_print ("%s\n", _("No orders."));
      return OW_CLI_EXIT_OK;
    }

  {
    g_autofree char *h_id = ow_cli_pad (_("ID"), 5);
    g_autofree char *h_status = ow_cli_pad (_("STATUS"), 18);
    g_autofree char *h_item = ow_cli_pad (_("ITEM"), 30);
    g_autofree char *h_amount = ow_cli_pad (_("AMOUNT"), 13);

    g_print ("%s %s %s %s %s\n", h_id, h_status, h_item, h_amount, _("NEXT DEADLINE"));
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OwOrder) order = g_list_model_get_item (G_LIST_MODEL (list), i);
      OwDeadlineSet set;
      /* As the window's rows: the next deadline, else the first one still to come. */
      const OwDeadline *next = compute_headline (list, order, &set);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ow_order_get_id (order));
      g_autofree char *money = ow_money_format (ow_order_get_amount (order),
                                                ow_order_get_currency (order));
      g_autofree char *words = next && next->rule ? ow_deadline_describe (next, cli->now)
                                                  : g_strdup ("—");
      const char *item = ow_order_get_item_title (order);
      g_autofree char *c_id = ow_cli_pad (id, 5);
      g_autofree char *c_status = ow_cli_pad (ow_order_status_label (set.status), 18);
      g_autofree char *c_item = ow_cli_pad (item ? item : ow_order_get_order_number (order), 30);
      g_autofree char *c_amount = ow_cli_pad (money, 13);

      g_print ("%s %s %s %s %s%s\n", c_id, c_status, c_item, c_amount, words,
               ow_order_get_archived (order) ? _(" (archived)") : "");
    }

  return OW_CLI_EXIT_OK;
}

static const OwCliOption list_options[] = {
  { "filter", OW_CLI_VALUE, N_("FILTER"),
    N_("all (default, not archived), needs_action, awaiting_payment, awaiting_shipment, "
       "awaiting_delivery, disputes, completed, closed or archived") },
  { "search", OW_CLI_VALUE, N_("TEXT"),
    N_("Only orders whose number, item, store or tracking number contains TEXT") },
  { NULL }
};

const OwCliCommand ow_cli_command_list = {
  "list", list_run, N_("[--filter FILTER] [--search TEXT] [--json]"),
  N_("List the orders, most urgent first"),
  N_("The same list and order as the window's. With --json, an array of orders, each with "
     "its status and next deadline."),
  list_options, 0, 0, FALSE,
};

/* ---- show ---- */

static void
print_deadline_row (const OwDeadline *deadline,
                    gint64            now)
{
  g_autofree char *due = deadline->due != OW_TIME_UNSET ? ow_time_format_local (deadline->due,
                                                                                NULL)
                                                        : g_strdup (_("not known yet"));
  g_autofree char *words = ow_deadline_describe (deadline, now);
  g_autofree char *c_kind = ow_cli_pad (ow_rule_get_id (deadline->rule), 16);
  g_autofree char *c_state = ow_cli_pad (ow_deadline_state_to_string (deadline->state), 12);
  g_autofree char *c_due = ow_cli_pad (due, 22);

  g_print ("  %s %s %s %s\n", c_kind, c_state, c_due, words);
}

const char *
ow_cli_extension_state_label (OwExtensionState state)
{
  switch (state)
    {
    case OW_EXTENSION_APPROVED:
      /* Translators: the state of an extension request, in "5 days, approved" */
      return C_("extension", "approved");
    case OW_EXTENSION_REFUSED:
      return C_("extension", "refused");
    case OW_EXTENSION_PENDING:
    default:
      return C_("extension", "pending");
    }
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *padded = ow_cli_pad (label, 18);

  g_print ("%s %s\n", padded, value ? value : "—");
}

static void
print_order (OwCli               *cli,
             OwOrder             *order,
             const OwDeadlineSet *set)
{
  g_autofree char *money = ow_money_format (ow_order_get_amount (order),
                                            ow_order_get_currency (order));
  g_autofree char *quantity = g_strdup_printf ("%d", ow_order_get_quantity (order));
  g_autofree char *processing = NULL;
  g_autofree char *delivery = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(OwJsonWriter) writer = ow_json_writer_new_for_builder (builder);
  g_autoptr(JsonNode) parcels_root = NULL;
  JsonArray *parcels;
  const char *action = ow_deadlines_next_action (set);

  g_print (_("Order %" PRId64 ": %s %s\n"), ow_order_get_id (order),
           ow_order_get_marketplace (order), ow_order_get_order_number (order));
  print_field (_("Item:"), ow_order_get_item_title (order));
  print_field (_("Store:"), ow_order_get_store_name (order));
  print_field (_("Quantity:"), quantity);
  print_field (_("Amount:"), money);
  print_field (_("Payment:"), ow_payment_method_to_string (ow_order_get_payment_method (order)));
  print_field (_("Status:"), ow_order_status_label (set->status));
  processing = ow_order_get_processing_days (order) > 0
               ? g_strdup_printf ("%d", ow_order_get_processing_days (order))
               : g_strdup (_("policy default"));
  print_field (_("Processing days:"), processing);
  delivery = ow_order_get_delivery_days (order) > 0
             ? g_strdup_printf ("%d", ow_order_get_delivery_days (order))
             : g_strdup (_("policy default"));
  print_field (_("Delivery days:"), delivery);
  if (ow_order_get_close_reason (order) != OW_CLOSE_NONE)
    print_field (_("Close reason:"), ow_close_reason_explain (ow_order_get_close_reason (order)));
  print_field (_("Notes:"), ow_order_get_notes (order));
  print_field (_("Archived:"), ow_order_get_archived (order) ? _("yes") : _("no"));
  if (action != NULL)
    print_field (_("Next:"), action);

  g_print ("\n%s\n", _("Facts:"));
  for (guint e = 0; e < OW_N_EVENTS; e++)
    {
      gint64 time = ow_order_get_time (order, e);
      g_autofree char *when = NULL;
      g_autofree char *label = NULL;
      g_autofree char *source = ow_order_describe_time_source (order, e);

      if (source == NULL)
        continue;
      when = time != OW_TIME_UNSET ? ow_time_format_local (time, NULL)
                                   : g_strdup (_("date unknown"));
      label = ow_cli_pad (ow_order_event_label (e), 24);
      g_print ("  %s %s (%s)\n", label, when, source);
    }

  if (ow_order_get_n_extensions (order) > 0)
    {
      g_print ("\n%s\n", _("Extensions:"));
      for (guint i = 0; i < ow_order_get_n_extensions (order); i++)
        {
          const OwExtension *x = ow_order_get_extension (order, i);
          g_autofree char *when = ow_time_format_local (x->requested_at, NULL);

          g_print (g_dngettext (GETTEXT_PACKAGE, "  %d day, %s, requested %s\n",
                                "  %d days, %s, requested %s\n", x->days),
                   x->days, ow_cli_extension_state_label (x->state), when ? when : "—");
        }
    }

  g_print ("\n%s\n", _("Deadlines:"));
  for (guint i = 0; i < set->n_deadlines; i++)
    if (set->deadlines[i].rule != NULL)
      print_deadline_row (&set->deadlines[i], cli->now);

  ow_json_writer_begin_object (writer);
  ow_cli_add_parcels_json (cli->store, ow_order_get_id (order), writer);
  ow_json_writer_end_object (writer);
  parcels_root = json_builder_get_root (builder);
  parcels = json_object_get_array_member (json_node_get_object (parcels_root), "parcels");
  if (parcels != NULL && json_array_get_length (parcels) > 0)
    {
      g_print ("\n%s\n", _("Parcels:"));
      for (guint i = 0; i < json_array_get_length (parcels); i++)
        {
          JsonObject *parcel = json_array_get_object_element (parcels, i);

          g_print ("  %s  %s\n",
                   json_object_get_string_member_with_default (parcel, "tracking_number", ""),
                   json_object_get_string_member_with_default (parcel, "status", ""));
        }
    }
}

/* What can be done to the order now, in the order the window offers it, with the core's
 * reason for each that cannot: the same answers the window shows. */
static void
add_actions_json (OwOrder      *order,
                  OwPolicy     *policy,
                  gint64        now,
                  OwJsonWriter *writer)
{
  ow_json_writer_member (writer, "actions");
  ow_json_writer_begin_array (writer);
  for (guint a = 0; a < OW_N_ACTIONS; a++)
    {
      g_autofree char *reason = NULL;
      gboolean available = ow_order_action_is_available (a, order, policy, now, &reason);

      ow_json_writer_begin_object (writer);
      ow_json_writer_string_member (writer, "id", ow_order_action_to_string (a));
      ow_json_writer_boolean_member (writer, "available", available);
      ow_json_writer_string_member (writer, "reason", reason);
      ow_json_writer_end_object (writer);
    }
  ow_json_writer_end_array (writer);
}

/* The "disputes" member, from the dispute commands' tree. */
static void
add_disputes_json (OwCli        *cli,
                   OwOrder      *order,
                   OwJsonWriter *writer)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  ow_cli_add_disputes_json (cli, order, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  ow_json_writer_member (writer, "disputes");
  ow_json_writer_node (writer, json_object_get_member (json_node_get_object (root), "disputes"));
}

static void
print_actions (OwOrder  *order,
               OwPolicy *policy,
               gint64    now)
{
  g_print ("\n%s\n", _("Actions:"));
  for (guint a = 0; a < OW_N_ACTIONS; a++)
    {
      g_autofree char *reason = NULL;
      g_autofree char *name = g_strdelimit (g_strdup (ow_order_action_to_string (a)), "_", '-');
      g_autofree char *padded = ow_cli_pad (name, 18);

      if (ow_order_action_is_available (a, order, policy, now, &reason))
        g_print ("  %s %s\n", padded, _("available"));
      else
        g_print ("  %s %s\n", padded, reason);
    }
}

static int
show_run (OwCli     *cli,
          OwCliArgs *args)
{
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  OwDeadlineSet set;
  OwPolicy *policy;
  int status;

  if ((order = ow_cli_load_order (cli, args, &status)) == NULL)
    return status;

  policy = ow_cli_lookup_policy (cli, ow_order_get_marketplace (order), "marketplace", &error);
  if (policy == NULL)
    return ow_cli_failure (cli, "%s", error->message);
  ow_deadlines_compute (order, policy, cli->now, &set);

  if (cli->json)
    {
      g_autoptr(OwJsonWriter) writer = ow_cli_json_writer_new ();

      ow_json_writer_begin_object (writer);
      ow_export_order_members (order, writer);
      add_summary_members (order, &set, cli->now, writer);
      ow_json_writer_member (writer, "deadlines");
      ow_json_writer_begin_array (writer);
      for (guint i = 0; i < set.n_deadlines; i++)
        {
          if (set.deadlines[i].rule == NULL)
            continue;
          ow_json_writer_begin_object (writer);
          ow_export_deadline_members (order, &set.deadlines[i], cli->now, writer);
          ow_json_writer_end_object (writer);
        }
      ow_json_writer_end_array (writer);
      ow_cli_add_parcels_json (cli->store, ow_order_get_id (order), writer);
      add_disputes_json (cli, order, writer);
      add_actions_json (order, policy, cli->now, writer);
      ow_json_writer_end_object (writer);
      return ow_cli_json_writer_finish (cli, writer);
    }

  print_order (cli, order, &set);
  print_actions (order, policy, cli->now);
  return OW_CLI_EXIT_OK;
}

static const OwCliOption no_options[] = { { NULL } };

const OwCliCommand ow_cli_command_show = {
  "show", show_run, N_("ID [--json]"),
  N_("Show an order: every fact with its source, the deadlines and the parcels"),
  N_("With --json: the order's fields, \"deadlines\" (as “orderwatch deadlines --json” "
     "prints them), \"parcels\" and \"actions\" (each with \"id\", \"available\" and, when "
     "not available, the \"reason\")."),
  no_options, 1, 1, FALSE,
};

/* ---- deadlines ---- */

/* The orders are read this many at a time and let go; of each, only what its deadlines'
 * lines say is kept (100,000 orders at once would be most of the command's memory). */
#define ORDERS_PER_PAGE 4096

typedef struct
{
  guint       order_index;  /* in Listing.orders */
  OwDeadline  deadline;
} Entry;

/* An order with an open dispute on PayPal or the card, kept for that dispute's deadlines. */
typedef struct
{
  OwOrder *order;
  guint    order_index;  /* in Listing.orders */
} DisputedOrder;

/* What `deadlines` gathers before it sorts and prints. */
typedef struct
{
  OwCli        *cli;
  gboolean      all;
  gint64        within;        /* -1: no limit */
  GArray       *orders;        /* OwDeadlineOrder, by id: those with a deadline listed */
  GStringChunk *text;          /* their order numbers, marketplaces and items */
  GArray       *entries;       /* Entry */
  GPtrArray    *disputes;      /* OwDispute: the open ones on PayPal or the card, by order id */
  guint         next_dispute;  /* the first of @disputes whose order is still to come */
  GArray       *disputed;      /* DisputedOrder, by id */
} Listing;

static void
disputed_order_clear (gpointer data)
{
  DisputedOrder *disputed = data;

  g_clear_object (&disputed->order);
}

static void
listing_clear (Listing *listing)
{
  g_clear_pointer (&listing->orders, g_array_unref);
  g_clear_pointer (&listing->text, g_string_chunk_free);
  g_clear_pointer (&listing->entries, g_array_unref);
  g_clear_pointer (&listing->disputes, g_ptr_array_unref);
  g_clear_pointer (&listing->disputed, g_array_unref);
}

/* What `deadlines` lists without --all: windows still running or yet to come, and
 * waits on the seller or a refund that ran out unsettled (the buyer must act on those). */
static gboolean
deadline_is_pending (const OwDeadline *deadline)
{
  switch (deadline->state)
    {
    case OW_DEADLINE_RUNNING:
    case OW_DEADLINE_URGENT:
    case OW_DEADLINE_NOT_STARTED:
    case OW_DEADLINE_UNDATED:
      return TRUE;
    case OW_DEADLINE_PASSED:
      return ow_rule_get_action_overdue (deadline->rule) != NULL;
    case OW_DEADLINE_MET:
    case OW_DEADLINE_NOT_APPLICABLE:
    default:
      return FALSE;
    }
}

static gboolean
listing_wants (const Listing    *listing,
               const OwDeadline *deadline)
{
  return deadline->rule != NULL && deadline->due != OW_TIME_UNSET &&
         (listing->all || deadline_is_pending (deadline)) &&
         (listing->within < 0 || deadline->due <= listing->cli->now + listing->within);
}

static const char *
listing_keep_text (Listing    *listing,
                   const char *text,
                   gboolean    often_the_same)
{
  if (text == NULL)
    return NULL;
  if (often_the_same)
    return g_string_chunk_insert_const (listing->text, text);
  return g_string_chunk_insert (listing->text, text);
}

/* @order's line fields, kept; returns their index in @listing->orders. */
static guint
listing_keep_order (Listing *listing,
                    OwOrder *order)
{
  OwDeadlineOrder kept;

  kept.id = ow_order_get_id (order);
  kept.order_number = listing_keep_text (listing, ow_order_get_order_number (order), FALSE);
  kept.marketplace = listing_keep_text (listing, ow_order_get_marketplace (order), TRUE);
  kept.item = listing_keep_text (listing, ow_order_get_item_title (order), FALSE);
  g_array_append_val (listing->orders, kept);
  return listing->orders->len - 1;
}

static void
listing_add (Listing          *listing,
             guint             order_index,
             const OwDeadline *deadline)
{
  Entry entry;

  entry.order_index = order_index;
  entry.deadline = *deadline;
  g_array_append_val (listing->entries, entry);
}

/* @order's own deadlines; an order with an open channel dispute is kept for later. */
static void
listing_add_order (Listing *listing,
                   OwOrder *order)
{
  gint64 id = ow_order_get_id (order);
  guint order_index = G_MAXUINT;   /* kept on its first deadline listed */
  OwPolicy *policy;
  OwDeadlineSet set;

  while (listing->next_dispute < listing->disputes->len &&
         ow_dispute_get_order_id (g_ptr_array_index (listing->disputes,
                                                     listing->next_dispute)) < id)
    listing->next_dispute++;
  if (listing->next_dispute < listing->disputes->len &&
      ow_dispute_get_order_id (g_ptr_array_index (listing->disputes,
                                                  listing->next_dispute)) == id)
    {
      DisputedOrder disputed = { g_object_ref (order), listing_keep_order (listing, order) };

      order_index = disputed.order_index;
      g_array_append_val (listing->disputed, disputed);
    }

  if (ow_order_get_archived (order) && !listing->all)
    return;
  policy = ow_policy_registry_lookup (ow_cli_get_policies (listing->cli),
                                      ow_order_get_marketplace (order));
  if (policy == NULL)
    return;
  ow_deadlines_compute (order, policy, listing->cli->now, &set);

  for (guint d = 0; d < set.n_deadlines; d++)
    {
      if (!listing_wants (listing, &set.deadlines[d]))
        continue;
      if (order_index == G_MAXUINT)
        order_index = listing_keep_order (listing, order);
      listing_add (listing, order_index, &set.deadlines[d]);
    }
}

static int
compare_disputed_id (gconstpointer key,
                     gconstpointer element)
{
  gint64 id = *(const gint64 *) key;
  gint64 other = ow_order_get_id (((const DisputedOrder *) element)->order);

  return id < other ? -1 : id > other;
}

/* A marketplace dispute's deadlines are the order's own; one with PayPal or the card has its
 * own set, from that channel's policy. */
static void
listing_add_channel_disputes (Listing *listing)
{
  for (guint i = 0; i < listing->disputes->len; i++)
    {
      OwDispute *dispute = g_ptr_array_index (listing->disputes, i);
      gint64 order_id = ow_dispute_get_order_id (dispute);
      const DisputedOrder *disputed;
      OwDeadlineSet set;

      disputed = bsearch (&order_id, listing->disputed->data, listing->disputed->len,
                          sizeof (DisputedOrder), compare_disputed_id);
      if (disputed == NULL || (ow_order_get_archived (disputed->order) && !listing->all) ||
          !ow_dispute_compute_deadlines (dispute, disputed->order,
                                         ow_cli_get_policies (listing->cli), listing->cli->now,
                                         &set))
        continue;
      for (guint d = 0; d < set.n_deadlines; d++)
        if (listing_wants (listing, &set.deadlines[d]) &&
            ow_rule_is_dispute_rule (set.deadlines[d].rule))
          listing_add (listing, disputed->order_index, &set.deadlines[d]);
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Entry *x = a, *y = b;
  GArray *orders = user_data;
  gint64 x_id, y_id;

  if (x->deadline.due != y->deadline.due)
    return x->deadline.due < y->deadline.due ? -1 : 1;
  /* The orders only for a tie: most entries differ by due already. */
  x_id = g_array_index (orders, OwDeadlineOrder, x->order_index).id;
  y_id = g_array_index (orders, OwDeadlineOrder, y->order_index).id;
  if (x_id != y_id)
    return x_id < y_id ? -1 : 1;
  return g_strcmp0 (ow_rule_get_id (x->deadline.rule), ow_rule_get_id (y->deadline.rule));
}

static void
listing_add_page (GPtrArray *page,
                  gpointer   user_data)
{
  for (guint i = 0; i < page->len; i++)
    listing_add_order (user_data, g_ptr_array_index (page, i));
}

/* Every deadline the command lists, soonest first, in @listing. */
static gboolean
listing_collect (Listing  *listing,
                 OwStore  *store,
                 GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  listing->orders = g_array_new (FALSE, FALSE, sizeof (OwDeadlineOrder));
  listing->text = g_string_chunk_new (64 * 1024);
  listing->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  listing->disputed = g_array_new (FALSE, FALSE, sizeof (DisputedOrder));
  g_array_set_clear_func (listing->disputed, disputed_order_clear);

  listing->disputes = ow_store_list_open_channel_disputes (store, 0, &local_error);
  if (listing->disputes == NULL)
    {
      g_warning ("%s", local_error->message);
      listing->disputes = g_ptr_array_new ();
    }

  /* The next page is read while this one's deadlines are worked out. */
  if (!ow_store_foreach_order_page (store, ORDERS_PER_PAGE, listing_add_page, listing, error))
    return FALSE;
  /* The scan filled SQLite's page cache with pages nothing reads again. */
  ow_store_release_memory (store);

  listing_add_channel_disputes (listing);
  g_array_sort_with_data (listing->entries, compare_entries, listing->orders);
  return TRUE;
}

/* One line of the listing as an object; on two threads at once (ow_json_write_items ()),
 * reading only. */
static void
write_entry (OwJsonWriter *writer,
             guint         index,
             gpointer      user_data)
{
  const Listing *listing = user_data;
  const Entry *entry = &g_array_index (listing->entries, Entry, index);

  ow_json_writer_begin_object (writer);
  ow_export_deadline_members_of (&g_array_index (listing->orders, OwDeadlineOrder,
                                                 entry->order_index),
                                 &entry->deadline, listing->cli->now, writer);
  ow_json_writer_end_object (writer);
}

static int
deadlines_run (OwCli     *cli,
               OwCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  const char *within_text = ow_cli_args_get (args, "within");
  Listing listing = { cli, ow_cli_args_has (args, "all"), -1 };
  GArray *entries;
  OwStore *store;
  int status = OW_CLI_EXIT_OK;

  if (within_text != NULL &&
      !ow_duration_parse (within_text, "--within", &listing.within, &error))
    return ow_cli_report_error (cli, error);

  if ((store = ow_cli_get_store (cli, &error)) == NULL ||
      !listing_collect (&listing, store, &error))
    {
      listing_clear (&listing);
      return ow_cli_report_error (cli, error);
    }
  entries = listing.entries;

  if (cli->json)
    {
      g_autoptr(OwJsonWriter) writer = ow_cli_json_writer_new ();

      ow_json_writer_begin_array (writer);
      ow_json_write_items (writer, entries->len, write_entry, &listing);
      ow_json_writer_end_array (writer);
      status = ow_cli_json_writer_finish (cli, writer);
    }
  else if (entries->len == 0)
    {
      g_print ("%s\n", _("No deadlines to watch."));
    }
  else
    {
      g_autofree char *h_due = ow_cli_pad (_("DUE"), 22);
      g_autofree char *h_order = ow_cli_pad (_("ORDER"), 6);
      g_autofree char *h_item = ow_cli_pad (_("ITEM"), 24);

      g_print ("%s %s %s %s\n", h_due, h_order, h_item, _("DEADLINE"));
      for (guint i = 0; i < entries->len; i++)
        {
          Entry *entry = &g_array_index (entries, Entry, i);
          const OwDeadlineOrder *order = &g_array_index (listing.orders, OwDeadlineOrder,
                                                         entry->order_index);
          g_autofree char *due = ow_time_format_local (entry->deadline.due, NULL);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, order->id);
          g_autofree char *words = ow_deadline_describe (&entry->deadline, cli->now);
          g_autofree char *c_due = ow_cli_pad (due, 22);
          g_autofree char *c_id = ow_cli_pad (id, 6);
          g_autofree char *c_item = ow_cli_pad (order->item ? order->item : order->order_number,
                                                24);

          g_print ("%s %s %s %s\n", c_due, c_id, c_item, words);
        }
    }

  listing_clear (&listing);
  return status;
}

static const OwCliOption deadlines_options[] = {
  { "within", OW_CLI_VALUE, N_("DURATION"),
    N_("Only those due within DURATION from now: 90m, 36h, 3d, 2w") },
  { "all", OW_CLI_FLAG, NULL,
    N_("Also deadlines passed or met, and those of archived orders") },
  { NULL }
};

const OwCliCommand ow_cli_command_deadlines = {
  "deadlines", deadlines_run, N_("[--within DURATION] [--all] [--json]"),
  N_("List the deadlines still to come and the overdue ones, soonest first"),
  N_("With --json, an array of objects: order_id, order_number, marketplace, item, kind (the "
     "rule id, such as ship_by or protection_end), title, starts, due, due_late (ISO 8601 "
     "UTC, null when unknown), state, description, on_expiry, buyer_actions, confidence."),
  deadlines_options, 0, 0, FALSE,
};
