/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "ow-core-resources.h"
#include "ow-deadlines.h"
#include "ow-demo.h"
#include "ow-dispute.h"
#include "ow-order-list-private.h"
#include "ow-order-list.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store-private.h"
#include "ow-store-summaries.h"

#define T0 G_GINT64_CONSTANT (1772323200)   /* 2026-03-01T00:00:00Z */
#define HOUR (60 * 60)
#define DAY (24 * HOUR)

typedef enum
{
  STAGE_UNPAID,
  STAGE_PAID,
  STAGE_SHIPPED,
  STAGE_RECEIVED,
  STAGE_DISPUTE,
  STAGE_CLOSED,
} Stage;

typedef struct
{
  OwStore          *store;
  OwPolicyRegistry *policies;
  gboolean          from_summaries;   /* the list reads what an earlier list saved */
  OwOrderList      *list;
  GPtrArray        *mirror;     /* the model as rebuilt from items-changed alone */
  guint             n_changes;
  guint             last_position, last_removed, last_added;
  guint             n_counts_changed;
  guint             n_now_notified;
} Fixture;

static OwOrder *
make_order (const char *number,
            Stage       stage,
            gint64      placed)
{
  OwOrder *order = ow_order_new ();

  ow_order_set_order_number (order, number);
  ow_order_set_store_name (order, "Generic Store");
  ow_order_set_item_title (order, "Phone case");
  ow_order_set_amount (order, 499);
  ow_order_set_time (order, OW_EVENT_PLACED, placed, OW_FACT_USER);
  if (stage >= STAGE_PAID)
    ow_order_set_time (order, OW_EVENT_PAID, placed + HOUR, OW_FACT_USER);
  if (stage >= STAGE_SHIPPED && stage != STAGE_CLOSED)
    ow_order_set_time (order, OW_EVENT_SHIPPED, placed + 3 * DAY, OW_FACT_USER);
  if (stage == STAGE_RECEIVED)
    ow_order_set_time (order, OW_EVENT_RECEIVED, placed + 20 * DAY, OW_FACT_USER);
  if (stage == STAGE_DISPUTE)
    ow_order_set_time (order, OW_EVENT_DISPUTE_OPENED, placed + 25 * DAY, OW_FACT_USER);
  if (stage == STAGE_CLOSED)
    {
      ow_order_set_time (order, OW_EVENT_CLOSED, placed + 2 * DAY, OW_FACT_USER);
      ow_order_set_close_reason (order, OW_CLOSE_NOT_SHIPPED);
    }
  return order;
}

static void
add_order (Fixture *fixture,
           OwOrder *order)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ow_store_add_order (fixture->store, order, &error));
  g_assert_no_error (error);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *fixture)
{
  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  if (removed > 0)
    g_ptr_array_remove_range (fixture->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (fixture->mirror, position + i, g_list_model_get_item (model, position + i));

  fixture->n_changes++;
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;
}

static void
on_counts_changed_cb (OwOrderList *list,
                      Fixture     *fixture)
{
  fixture->n_counts_changed++;
}

static void
on_now_notify_cb (OwOrderList *list,
                  GParamSpec  *pspec,
                  Fixture     *fixture)
{
  fixture->n_now_notified++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "list.db", NULL);

  fixture->store = ow_store_open (path, &error);
  g_assert_no_error (error);
  fixture->policies = ow_policy_registry_new ();
  fixture->from_summaries = GPOINTER_TO_INT (data);
  fixture->mirror = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
run_idles (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static OwOrderList *
new_list_from_summaries (Fixture *fixture,
                         gint64   now)
{
  return g_object_new (OW_TYPE_ORDER_LIST, "store", fixture->store,
                       "policies", fixture->policies, "now", now, "from-summaries", TRUE, NULL);
}

/* A list from summaries computes and saves every order, as a window's does. */
static void
save_summaries (Fixture *fixture,
                gint64   now)
{
  g_autoptr(OwOrderList) first = new_list_from_summaries (fixture, now);

  ow_order_list_start_saving (first);
  run_idles ();
}

/* Creates the list once the store holds what the test needs. */
static void
fixture_make_list (Fixture *fixture,
                   gint64   now)
{
  if (fixture->from_summaries)
    {
      save_summaries (fixture, now);
      fixture->list = new_list_from_summaries (fixture, now);
      /* Everything came from what the first list saved. */
      g_assert_cmpuint (ow_order_list_get_n_read (fixture->list), ==, 0);
    }
  else
    {
      fixture->list = ow_order_list_new (fixture->store, fixture->policies);
      ow_order_list_set_now (fixture->list, now);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->list)); i++)
    g_ptr_array_add (fixture->mirror, g_list_model_get_item (G_LIST_MODEL (fixture->list), i));
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
  g_signal_connect (fixture->list, "counts-changed", G_CALLBACK (on_counts_changed_cb), fixture);
  g_signal_connect (fixture->list, "notify::now", G_CALLBACK (on_now_notify_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->mirror, g_ptr_array_unref);
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->policies);
  g_assert_finalize_object (fixture->store);
}

/* The oracle: what the model should hold, worked out from scratch. */

typedef struct
{
  OwOrder       *order;
  OwDeadlineSet  set;
  gint64         date;
  char          *haystack;
} Expected;

static void
expected_clear (gpointer data)
{
  Expected *expected = data;

  g_object_unref (expected->order);
  g_free (expected->haystack);
}

static int
compare_expected (gconstpointer a,
                  gconstpointer b)
{
  const Expected *x = a, *y = b;
  gint64 ix = ow_order_get_id (x->order), iy = ow_order_get_id (y->order);

  if (x->set.urgency != y->set.urgency)
    return x->set.urgency < y->set.urgency ? -1 : 1;
  if (x->date != y->date)
    return x->date > y->date ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

static gboolean
expected_in_filter (const Expected *e,
                    OwOrderFilter   filter)
{
  static const OwOrderStatus tab_status[] = {
    [OW_FILTER_AWAITING_PAYMENT] = OW_STATUS_AWAITING_PAYMENT,
    [OW_FILTER_AWAITING_SHIPMENT] = OW_STATUS_AWAITING_SHIPMENT,
    [OW_FILTER_AWAITING_DELIVERY] = OW_STATUS_AWAITING_DELIVERY,
    [OW_FILTER_DISPUTES] = OW_STATUS_DISPUTE,
    [OW_FILTER_COMPLETED] = OW_STATUS_COMPLETED,
    [OW_FILTER_CLOSED] = OW_STATUS_CLOSED,
  };
  gboolean archived = ow_order_get_archived (e->order);

  if (filter == OW_FILTER_ALL)
    return TRUE;
  if (filter == OW_FILTER_ARCHIVED)
    return archived;
  if (archived)
    return FALSE;
  if (filter == OW_FILTER_NEEDS_ACTION)
    return e->set.needs_action;
  return e->set.status == tab_status[filter];
}

static GArray *
compute_expected (Fixture *fixture,
                  gint64   now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_store_list_orders (fixture->store, &error);
  g_autoptr(GHashTable) tracking = ow_store_list_tracking_numbers (fixture->store, &error);
  GArray *all = g_array_new (FALSE, TRUE, sizeof (Expected));

  g_assert_no_error (error);
  g_array_set_clear_func (all, expected_clear);

  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      OwPolicy *policy = ow_policy_registry_lookup (fixture->policies,
                                                    ow_order_get_marketplace (order));
      gint64 id = ow_order_get_id (order);
      g_autofree char *text = NULL;
      Expected e = { g_object_ref (order) };

      if (policy != NULL)
        {
          ow_deadlines_compute (order, policy, now, &e.set);
        }
      else
        {
          /* The test orders of unknown marketplaces are all plain awaiting-shipment ones. */
          e.set.status = OW_STATUS_AWAITING_SHIPMENT;
          e.set.urgency = G_MAXINT64;
        }
      e.date = ow_order_get_time (order, OW_EVENT_PLACED);
      text = g_strjoin ("\n", ow_order_get_order_number (order),
                        ow_order_get_item_title (order) ? ow_order_get_item_title (order) : "",
                        ow_order_get_store_name (order) ? ow_order_get_store_name (order) : "",
                        g_hash_table_lookup (tracking, &id) ? g_hash_table_lookup (tracking, &id)
                                                            : "",
                        NULL);
      e.haystack = g_utf8_casefold (text, -1);
      g_array_append_val (all, e);
    }

  g_array_sort (all, compare_expected);
  return all;
}

static gboolean
expected_matches_search (const Expected *e,
                         const char     *search)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  if (search == NULL)
    return TRUE;

  folded = g_utf8_casefold (search, -1);
  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] && strstr (e->haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* The model, the mirror built from its signals and a fresh computation all agree. */
static void
assert_model_consistent (Fixture *fixture)
{
  GListModel *model = G_LIST_MODEL (fixture->list);
  OwOrderFilter filter = ow_order_list_get_filter (fixture->list);
  const char *search = ow_order_list_get_search (fixture->list);
  g_autoptr(GArray) all = compute_expected (fixture, ow_order_list_get_now (fixture->list));
  guint counts[OW_N_FILTERS] = { 0 };
  guint n = 0;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->mirror->len);

  for (guint i = 0; i < all->len; i++)
    {
      Expected *e = &g_array_index (all, Expected, i);

      for (guint f = 0; f < OW_N_FILTERS; f++)
        counts[f] += expected_in_filter (e, f);

      if (expected_in_filter (e, filter) && expected_matches_search (e, search))
        {
          g_autoptr(OwOrder) item = g_list_model_get_item (model, n);
          const OwDeadlineSet *set;

          g_assert_nonnull (item);
          g_assert_cmpint (ow_order_get_id (item), ==, ow_order_get_id (e->order));
          g_assert_true (ow_order_equal (item, e->order));
          g_assert_true (g_ptr_array_index (fixture->mirror, n) == item);

          set = ow_order_list_get_deadlines (fixture->list, item);
          g_assert_nonnull (set);
          g_assert_cmpint (set->status, ==, e->set.status);
          g_assert_cmpint (set->urgency, ==, e->set.urgency);
          g_assert_cmpuint (set->n_deadlines, ==, e->set.n_deadlines);
          n++;
        }
    }

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_null (g_list_model_get_item (model, n));
  for (guint f = 0; f < OW_N_FILTERS; f++)
    g_assert_cmpuint (ow_order_list_get_count (fixture->list, f), ==, counts[f]);
}

static void
seed_stages (Fixture *fixture)
{
  static const Stage stages[] = {
    STAGE_UNPAID, STAGE_PAID, STAGE_SHIPPED, STAGE_RECEIVED, STAGE_DISPUTE, STAGE_CLOSED,
  };
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    for (guint copy = 0; copy < 2; copy++)
      {
        g_autofree char *number = g_strdup_printf ("10%u%u", i, copy);
        /* Placed long enough ago that every fact of the stage is in the past. */
        OwOrder *order = make_order (number, stages[i], T0 - 40 * DAY - (i * 2 + copy) * HOUR);

        g_ptr_array_add (orders, order);
      }
  g_assert_true (ow_store_add_orders (fixture->store, orders, &error));
  g_assert_no_error (error);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(OwOrder) archived = make_order ("9000", STAGE_SHIPPED, T0 - 10 * DAY);
  GListModel *model;

  seed_stages (fixture);
  ow_order_set_archived (archived, TRUE);
  add_order (fixture, archived);
  fixture_make_list (fixture, T0 + HOUR);
  model = G_LIST_MODEL (fixture->list);

  g_assert_true (g_list_model_get_item_type (model) == OW_TYPE_ORDER);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
  assert_model_consistent (fixture);

  /* Each stage lands on its tab; the archived order only on its own. */
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_ALL), ==, 13);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_AWAITING_PAYMENT), ==, 2);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_AWAITING_SHIPMENT), ==, 2);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_AWAITING_DELIVERY), ==, 2);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_COMPLETED), ==, 2);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_DISPUTES), ==, 2);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_CLOSED), ==, 2);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_ARCHIVED), ==, 1);

  for (guint f = 0; f < OW_N_FILTERS; f++)
    {
      ow_order_list_set_filter (fixture->list, f);
      g_assert_cmpint (ow_order_list_get_filter (fixture->list), ==, f);
      assert_model_consistent (fixture);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                        ow_order_list_get_count (fixture->list, f));
    }

  ow_order_list_set_filter (fixture->list, OW_FILTER_ARCHIVED);
  {
    g_autoptr(OwOrder) only = g_list_model_get_item (model, 0);
    g_assert_cmpstr (ow_order_get_order_number (only), ==, "9000");
  }

  /* Setting the same filter again announces nothing. */
  fixture->n_changes = 0;
  ow_order_list_set_filter (fixture->list, OW_FILTER_ARCHIVED);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(OwOrder) earbuds = make_order ("8142-5501", STAGE_SHIPPED, T0 - DAY);
  g_autoptr(OwOrder) lamp = make_order ("8142-7702", STAGE_PAID, T0 - 2 * DAY);
  g_autoptr(OwOrder) case_order = make_order ("3003", STAGE_PAID, T0 - 3 * DAY);
  g_autofree char *sql = NULL;
  GListModel *model;

  ow_order_set_item_title (earbuds, "Écouteurs sans fil Bluetooth");
  ow_order_set_store_name (earbuds, "SoundWave Official Store");
  ow_order_set_item_title (lamp, "Desk lamp");
  ow_order_set_store_name (lamp, "Bright Home");
  add_order (fixture, earbuds);
  add_order (fixture, lamp);
  add_order (fixture, case_order);
  sql = g_strdup_printf ("INSERT INTO parcels (order_id, tracking_number, created_at) "
                         "VALUES (%" G_GINT64_FORMAT ", 'LP00998877665544', 0)",
                         ow_order_get_id (earbuds));
  g_assert_cmpint (sqlite3_exec (ow_store_get_db (fixture->store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
  fixture_make_list (fixture, T0);
  model = G_LIST_MODEL (fixture->list);

  /* By item title, case-insensitively and beyond ASCII. */
  ow_order_list_set_search (fixture->list, "ÉCOUTEURS");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  assert_model_consistent (fixture);

  /* By store, by order number, by tracking number. */
  ow_order_list_set_search (fixture->list, "bright");
  assert_model_consistent (fixture);
  {
    g_autoptr(OwOrder) item = g_list_model_get_item (model, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpint (ow_order_get_id (item), ==, ow_order_get_id (lamp));
  }

  ow_order_list_set_search (fixture->list, "8142");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  assert_model_consistent (fixture);

  ow_order_list_set_search (fixture->list, "lp0099887766");
  assert_model_consistent (fixture);
  {
    g_autoptr(OwOrder) item = g_list_model_get_item (model, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpint (ow_order_get_id (item), ==, ow_order_get_id (earbuds));
  }

  /* Every word must match; surrounding and repeated spaces do not count. */
  ow_order_list_set_search (fixture->list, "  8142   lamp ");
  g_assert_cmpstr (ow_order_list_get_search (fixture->list), ==, "8142   lamp");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  ow_order_list_set_search (fixture->list, "nothing-like-this");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  assert_model_consistent (fixture);

  /* A parcel added later is found once the store says the order changed. */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO parcels (order_id, tracking_number, created_at) "
                         "VALUES (%" G_GINT64_FORMAT ", 'YT2233445566778', 0)",
                         ow_order_get_id (case_order));
  g_assert_cmpint (sqlite3_exec (ow_store_get_db (fixture->store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
  ow_store_emit_changed (fixture->store, ow_order_get_id (case_order));
  ow_order_list_set_search (fixture->list, "yt22334");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  assert_model_consistent (fixture);

  /* Counts ignore the search. */
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_ALL), ==, 3);

  ow_order_list_set_search (fixture->list, "");
  g_assert_null (ow_order_list_get_search (fixture->list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  assert_model_consistent (fixture);
}

static void
test_sorting (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GArray) all = NULL;
  gint64 now = T0 + 40 * DAY;

  seed_stages (fixture);
  fixture_make_list (fixture, now);
  assert_model_consistent (fixture);

  /* Urgency first, whatever the dates say. */
  all = compute_expected (fixture, now);
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->list)); i++)
    {
      g_autoptr(OwOrder) a = g_list_model_get_item (G_LIST_MODEL (fixture->list), i - 1);
      g_autoptr(OwOrder) b = g_list_model_get_item (G_LIST_MODEL (fixture->list), i);
      const OwDeadlineSet *sa = ow_order_list_get_deadlines (fixture->list, a);
      const OwDeadlineSet *sb = ow_order_list_get_deadlines (fixture->list, b);

      g_assert_cmpint (sa->urgency, <=, sb->urgency);
      if (sa->urgency == sb->urgency)
        g_assert_cmpint (ow_order_get_time (a, OW_EVENT_PLACED), >=,
                         ow_order_get_time (b, OW_EVENT_PLACED));
    }

  /* The seeded stages do not all share one urgency, or this test would prove little. */
  g_assert_cmpint (g_array_index (all, Expected, 0).set.urgency, <,
                   g_array_index (all, Expected, all->len - 1).set.urgency);
}

static void
test_incremental (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwOrder) fresh = make_order ("5500", STAGE_PAID, T0 - 30 * HOUR);
  g_autoptr(OwOrder) target = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  guint position, n_before;

  seed_stages (fixture);
  fixture_make_list (fixture, T0 + 5 * HOUR);

  /* Add: one insertion. */
  fixture->n_changes = fixture->n_counts_changed = 0;
  add_order (fixture, fresh);
  g_assert_cmpuint (fixture->n_changes, ==, 1);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  g_assert_cmpuint (fixture->n_counts_changed, ==, 1);
  assert_model_consistent (fixture);
  {
    g_autoptr(OwOrder) at = g_list_model_get_item (G_LIST_MODEL (fixture->list),
                                                   fixture->last_position);
    g_assert_cmpint (ow_order_get_id (at), ==, ow_order_get_id (fresh));
  }

  /* An edit that changes nothing the list sorts by: that one row, in place. */
  position = fixture->last_position;
  fixture->n_changes = fixture->n_counts_changed = 0;
  ow_order_set_notes (fresh, "Asked the seller for the tracking number");
  g_assert_true (ow_store_update_order (fixture->store, fresh, &error));
  g_assert_cmpuint (fixture->n_changes, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, position);
  g_assert_cmpuint (fixture->last_removed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  g_assert_cmpuint (fixture->n_counts_changed, ==, 0);
  assert_model_consistent (fixture);

  /* An edit that moves it to another tab, seen from that tab. */
  ow_order_list_set_filter (fixture->list, OW_FILTER_AWAITING_SHIPMENT);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
  fixture->n_changes = 0;
  ow_order_set_time (fresh, OW_EVENT_SHIPPED, T0, OW_FACT_USER);
  g_assert_true (ow_store_update_order (fixture->store, fresh, &error));
  g_assert_cmpuint (fixture->n_changes, ==, 1);
  g_assert_cmpuint (fixture->last_removed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n_before - 1);
  assert_model_consistent (fixture);

  ow_order_list_set_filter (fixture->list, OW_FILTER_AWAITING_DELIVERY);
  assert_model_consistent (fixture);

  /* Archive it: gone from its tab, counted in Archived. */
  ow_order_set_archived (fresh, TRUE);
  g_assert_true (ow_store_update_order (fixture->store, fresh, &error));
  assert_model_consistent (fixture);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_ARCHIVED), ==, 1);

  /* Delete from the All tab: one removal where it was. */
  ow_order_list_set_filter (fixture->list, OW_FILTER_ALL);
  target = g_list_model_get_item (G_LIST_MODEL (fixture->list), 4);
  fixture->n_changes = 0;
  g_assert_true (ow_store_delete_order (fixture->store, ow_order_get_id (target), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changes, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, 4);
  g_assert_cmpuint (fixture->last_removed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 0);
  assert_model_consistent (fixture);

  /* Many at once (id 0): a reload that still leaves the model right. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *number = g_strdup_printf ("77%u", i);

      g_ptr_array_add (batch, make_order (number, i % 2 ? STAGE_SHIPPED : STAGE_UNPAID,
                                          T0 - i * DAY));
    }
  g_assert_true (ow_store_add_orders (fixture->store, batch, &error));
  g_assert_no_error (error);
  assert_model_consistent (fixture);

  /* An order of a marketplace without a policy: listed, no deadlines. */
  {
    g_autoptr(OwOrder) odd = make_order ("E-1", STAGE_PAID, T0 - DAY);
    const OwDeadlineSet *set;

    ow_order_set_marketplace (odd, "nowhere-market");
    add_order (fixture, odd);
    assert_model_consistent (fixture);
    set = ow_order_list_get_deadlines (fixture->list, odd);
    g_assert_nonnull (set);
    g_assert_cmpuint (set->n_deadlines, ==, 0);
    g_assert_cmpint (set->status, ==, OW_STATUS_AWAITING_SHIPMENT);
    g_assert_false (set->needs_action);
    /* Nothing about it depends on the time. */
    g_assert_cmpint (set->changes_at, ==, G_MAXINT64);
  }
}

/* A transaction that changes a few orders among many (a refresh's batch) touches only their
 * rows: every other row keeps its object, and the tab counts are announced once. */
static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);
  g_autoptr(GError) error = NULL;
  GListModel *model;
  const guint n = 400;
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("R%04u", i);

      g_ptr_array_add (orders, make_order (number, i % 2 ? STAGE_PAID : STAGE_SHIPPED,
                                           T0 - 30 * DAY - i * HOUR));
    }
  g_assert_true (ow_store_add_orders (fixture->store, orders, &error));
  g_assert_no_error (error);
  fixture_make_list (fixture, T0);
  model = G_LIST_MODEL (fixture->list);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (before, g_list_model_get_item (model, i));

  /* Ten orders in one transaction: four shipped (another tab), six with a note. */
  fixture->n_changes = fixture->n_counts_changed = 0;
  g_assert_true (ow_store_begin (fixture->store, &error));
  for (guint i = 1; i < 20; i += 2)
    {
      OwOrder *order = g_ptr_array_index (orders, i);

      if (i < 8)
        ow_order_set_time (order, OW_EVENT_SHIPPED, T0 - DAY, OW_FACT_USER);
      else
        ow_order_set_notes (order, "Tracking number asked for");
      gint64 id = ow_order_get_id (order);

      g_assert_true (ow_store_update_order (fixture->store, order, &error));
      g_hash_table_add (changed, g_memdup2 (&id, sizeof id));
    }
  g_assert_true (ow_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  /* At most a removal and an insertion each, never the whole list again. */
  g_assert_cmpuint (fixture->n_changes, >=, 10);
  g_assert_cmpuint (fixture->n_changes, <=, 20);
  g_assert_cmpuint (fixture->n_counts_changed, ==, 1);
  assert_model_consistent (fixture);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OwOrder) item = g_list_model_get_item (model, i);
      gint64 id = ow_order_get_id (item);

      if (g_hash_table_contains (changed, &id))
        continue;
      for (guint j = 0; j < before->len; j++)
        if (g_ptr_array_index (before, j) == item)
          {
            kept++;
            break;
          }
    }
  g_assert_cmpuint (kept, ==, n - 10);

  /* Most of the list at once: one reload, still right. */
  g_assert_true (ow_store_begin (fixture->store, &error));
  for (guint i = 0; i < n; i += 2)
    {
      OwOrder *order = g_ptr_array_index (orders, i);

      ow_order_set_time (order, OW_EVENT_RECEIVED, T0 - DAY, OW_FACT_USER);
      g_assert_true (ow_store_update_order (fixture->store, order, &error));
    }
  g_assert_true (ow_store_commit (fixture->store, &error));
  g_assert_no_error (error);
  assert_model_consistent (fixture);
}

/* Finds an instant after @from at which the order's tab changes. */
static gint64
find_tab_change (Fixture *fixture,
                 OwOrder *order,
                 gint64   from)
{
  OwPolicy *policy = ow_policy_registry_lookup (fixture->policies, "aliexpress");
  OwDeadlineSet start, later;

  ow_deadlines_compute (order, policy, from, &start);
  for (gint64 t = from + HOUR; t < from + 400 * DAY; t += HOUR)
    {
      ow_deadlines_compute (order, policy, t, &later);
      if (later.status != start.status || later.needs_action != start.needs_action)
        return t;
    }
  return OW_TIME_UNSET;
}

static void
test_set_now (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(OwOrder) unpaid = make_order ("6100", STAGE_UNPAID, T0);
  g_autoptr(OwOrder) shipped = make_order ("6200", STAGE_SHIPPED, T0);
  gint64 change;
  guint before;

  add_order (fixture, unpaid);
  add_order (fixture, shipped);
  fixture_make_list (fixture, T0 + HOUR);
  ow_order_list_set_filter (fixture->list, OW_FILTER_AWAITING_PAYMENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 1);
  assert_model_consistent (fixture);

  /* An unpaid order does not stay unpaid and calm for ever. */
  change = find_tab_change (fixture, unpaid, T0 + HOUR);
  g_assert_cmpint (change, !=, OW_TIME_UNSET);

  before = ow_order_list_get_count (fixture->list, OW_FILTER_NEEDS_ACTION) +
           ow_order_list_get_count (fixture->list, OW_FILTER_AWAITING_PAYMENT);
  fixture->n_changes = fixture->n_counts_changed = 0;

  /* Just before: nothing moves, nothing is announced. */
  ow_order_list_set_now (fixture->list, change - HOUR);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
  assert_model_consistent (fixture);

  ow_order_list_set_now (fixture->list, change);
  g_assert_cmpint (ow_order_list_get_now (fixture->list), ==, change);
  g_assert_cmpuint (fixture->n_counts_changed, >=, 1);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_NEEDS_ACTION) +
                    ow_order_list_get_count (fixture->list, OW_FILTER_AWAITING_PAYMENT), !=,
                    before);
  assert_model_consistent (fixture);

  /* The same for the shipped order, watched from the All tab. */
  ow_order_list_set_filter (fixture->list, OW_FILTER_ALL);
  change = find_tab_change (fixture, shipped, change);
  g_assert_cmpint (change, !=, OW_TIME_UNSET);
  ow_order_list_set_now (fixture->list, change);
  assert_model_consistent (fixture);
}

/* The earliest instant after @now at which any stored order's deadlines change. */
static gint64
expected_valid_until (Fixture *fixture,
                      gint64   now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = ow_store_list_orders (fixture->store, &error);
  gint64 until = G_MAXINT64;

  g_assert_no_error (error);
  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      OwPolicy *policy = ow_policy_registry_lookup (fixture->policies,
                                                    ow_order_get_marketplace (order));
      OwDeadlineSet set;

      /* Without a policy nothing depends on the time. */
      if (policy == NULL)
        continue;
      ow_deadlines_compute (order, policy, now, &set);
      until = MIN (until, set.changes_at);
    }
  return until;
}

static gboolean
list_holds (Fixture *fixture,
            OwOrder *order)
{
  GListModel *model = G_LIST_MODEL (fixture->list);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OwOrder) item = g_list_model_get_item (model, i);

      if (ow_order_get_id (item) == ow_order_get_id (order))
        return TRUE;
    }
  return FALSE;
}

/* The window's clock moves "now" every second: nothing is recomputed until a deadline set
 * can change, and then the orders move as before. */
static void
test_set_now_span (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(OwOrder) paid = make_order ("6300", STAGE_PAID, T0 - 2 * DAY);
  OwPolicy *policy = ow_policy_registry_lookup (fixture->policies, "aliexpress");
  const OwDeadlineSet *handed_out;
  OwDeadlineSet engine;
  gint64 start = T0 + HOUR, until, ship_by;

  seed_stages (fixture);
  add_order (fixture, paid);
  fixture_make_list (fixture, start);
  ow_order_list_set_filter (fixture->list, OW_FILTER_NEEDS_ACTION);
  g_assert_false (list_holds (fixture, paid));

  /* The span: from the instant computed at to the earliest change of any order. */
  until = ow_order_list_get_valid_until (fixture->list);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, start);
  g_assert_cmpint (until, ==, expected_valid_until (fixture, start));
  g_assert_cmpint (until, >, start + HOUR);

  ow_deadlines_compute (paid, policy, start, &engine);
  ship_by = ow_deadlines_find (&engine, "ship_by")->due;
  g_assert_cmpint (ship_by, >, start);
  g_assert_cmpint (until, <=, ship_by);
  handed_out = ow_order_list_get_deadlines (fixture->list, paid);
  g_assert_cmpint (ow_deadlines_find (handed_out, "ship_by")->state, ==, OW_DEADLINE_RUNNING);

  /* Ticks inside the span, forwards and back: "now" moves and is notified, nothing else. */
  fixture->n_changes = fixture->n_counts_changed = fixture->n_now_notified = 0;
  for (gint64 t = start + 1; t < until; t += MAX ((until - start) / 50, 1))
    ow_order_list_set_now (fixture->list, t);
  ow_order_list_set_now (fixture->list, until - 1);
  g_assert_cmpint (ow_order_list_get_now (fixture->list), ==, until - 1);
  ow_order_list_set_now (fixture->list, start + 1);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
  g_assert_cmpuint (fixture->n_counts_changed, ==, 0);
  g_assert_cmpuint (fixture->n_now_notified, >, 50);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, start);
  g_assert_cmpint (ow_order_list_get_valid_until (fixture->list), ==, until);
  /* And what the model holds is what a fresh computation at that instant says. */
  ow_order_list_set_now (fixture->list, until - 1);
  assert_model_consistent (fixture);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, start);

  /* At the end of the span it does recompute. */
  ow_order_list_set_now (fixture->list, until);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, until);
  g_assert_cmpint (ow_order_list_get_valid_until (fixture->list), ==,
                   expected_valid_until (fixture, until));
  assert_model_consistent (fixture);

  /* Past the ship-by date the unshipped order needs action: it moves to that tab. */
  fixture->n_changes = fixture->n_counts_changed = 0;
  ow_order_list_set_now (fixture->list, ship_by);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, ship_by);
  g_assert_true (list_holds (fixture, paid));
  g_assert_cmpuint (fixture->n_changes, >=, 1);
  g_assert_cmpuint (fixture->n_counts_changed, >=, 1);
  g_assert_cmpint (ow_deadlines_find (handed_out, "ship_by")->state, ==, OW_DEADLINE_PASSED);
  g_assert_true (handed_out->needs_action);
  assert_model_consistent (fixture);

  /* Back before it (a clock set back): recomputed, the order leaves the tab again, even
   * though the earlier instant is inside no span computed since. */
  fixture->n_changes = fixture->n_counts_changed = 0;
  ow_order_list_set_now (fixture->list, start + 1);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, start + 1);
  g_assert_false (list_holds (fixture, paid));
  g_assert_cmpuint (fixture->n_changes, >=, 1);
  g_assert_cmpuint (fixture->n_counts_changed, >=, 1);
  g_assert_cmpint (ow_deadlines_find (handed_out, "ship_by")->state, ==, OW_DEADLINE_RUNNING);
  assert_model_consistent (fixture);

  /* Backwards by a second with nothing to change: recomputed, nothing announced. */
  fixture->n_changes = fixture->n_counts_changed = 0;
  ow_order_list_set_now (fixture->list, start);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, start);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
  g_assert_cmpuint (fixture->n_counts_changed, ==, 0);
}

/* An order stored while the list waits out a span brings the end of the span forward. */
static void
test_set_now_span_update (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(OwOrder) paid = make_order ("6400", STAGE_PAID, T0 - 2 * DAY);
  g_autoptr(OwOrder) fresh = make_order ("6500", STAGE_PAID, T0 - DAY);
  gint64 start = T0, now = T0 + 10 * 60, shipped = T0 + 20 * 60;

  add_order (fixture, paid);
  fixture_make_list (fixture, start);
  g_assert_cmpint (ow_order_list_get_valid_until (fixture->list), >, shipped);
  ow_order_list_set_now (fixture->list, now);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, start);

  /* A shipment dated ten minutes from now: a fact from then on. */
  ow_order_set_time (fresh, OW_EVENT_SHIPPED, shipped, OW_FACT_USER);
  add_order (fixture, fresh);
  g_assert_cmpint (ow_order_list_get_valid_until (fixture->list), ==, shipped);
  /* The new entry holds from the list's "now" on, not from the older instant. */
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, now);
  ow_order_list_set_filter (fixture->list, OW_FILTER_AWAITING_SHIPMENT);
  g_assert_true (list_holds (fixture, fresh));
  assert_model_consistent (fixture);

  fixture->n_changes = fixture->n_counts_changed = 0;
  ow_order_list_set_now (fixture->list, shipped - 1);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
  g_assert_cmpuint (fixture->n_counts_changed, ==, 0);

  ow_order_list_set_now (fixture->list, shipped);
  g_assert_false (list_holds (fixture, fresh));
  g_assert_cmpuint (fixture->n_changes, ==, 1);
  g_assert_cmpuint (fixture->n_counts_changed, ==, 1);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_AWAITING_DELIVERY), ==, 1);
  assert_model_consistent (fixture);

  /* Earlier than the update, but after the load: the new entry was not computed there. */
  ow_order_list_set_now (fixture->list, now - 1);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, now - 1);
  assert_model_consistent (fixture);
}

/* The demo orders, in every state, under a clock that mostly ticks on and sometimes jumps or
 * goes back: after every move the model is what a fresh computation says, and the rows
 * announced add up to it. */
static void
test_set_now_walk (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  gint64 now = T0 - 30 * DAY;
  guint recomputed = 0, skipped = 0;

  g_assert_true (ow_demo_seed_many (fixture->store, 120, T0, 3, &error));
  g_assert_no_error (error);
  fixture_make_list (fixture, now);
  assert_model_consistent (fixture);

  for (guint step = 0; step < 80; step++)
    {
      gint64 until = ow_order_list_get_valid_until (fixture->list);
      gint64 computed_at = ow_order_list_get_computed_at (fixture->list);

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0:
          now -= g_rand_int_range (rand, 1, 5 * DAY);   /* the clock set back */
          break;
        case 1:
          now += g_rand_int_range (rand, DAY, 20 * DAY);
          break;
        case 2:
          now = until - 1;
          break;
        case 3:
          now = until;
          break;
        default:
          now += g_rand_int_range (rand, 1, 2 * HOUR);
          break;
        }
      if (step % 10 == 0)
        ow_order_list_set_filter (fixture->list, g_rand_int_range (rand, 0, OW_N_FILTERS));

      ow_order_list_set_now (fixture->list, now);
      if (now >= computed_at && now < until)
        {
          g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, computed_at);
          skipped++;
        }
      else
        {
          g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, now);
          recomputed++;
        }
      g_assert_cmpint (ow_order_list_get_valid_until (fixture->list), >, now);
      g_assert_cmpint (ow_order_list_get_valid_until (fixture->list), ==,
                       expected_valid_until (fixture, now));
      assert_model_consistent (fixture);
    }

  g_test_message ("%u moves recomputed, %u inside the span", recomputed, skipped);
  g_assert_cmpuint (recomputed, >, 10);
  g_assert_cmpuint (skipped, >, 10);
}

/* Enough orders that the list computes deadlines in two threads. */
static void
test_large (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const guint n = 24000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("B%06u", i);
      OwOrder *order = make_order (number, i % 6, T0 - (i % 400) * DAY - i);

      if (i % 5 == 0)
        ow_order_set_marketplace (order, i % 10 ? "ebay" : "temu");
      ow_order_set_archived (order, i % 13 == 0);
      g_ptr_array_add (orders, order);
    }
  g_assert_true (ow_store_add_orders (fixture->store, orders, &error));
  g_assert_no_error (error);

  fixture_make_list (fixture, T0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n);
  assert_model_consistent (fixture);

  ow_order_list_set_now (fixture->list, T0 + 9 * DAY);
  assert_model_consistent (fixture);
  ow_order_list_set_filter (fixture->list, OW_FILTER_NEEDS_ACTION);
  assert_model_consistent (fixture);

  /* Both threads' spans count: the list's is the earliest of all. */
  g_assert_cmpint (ow_order_list_get_valid_until (fixture->list), ==,
                   expected_valid_until (fixture, T0 + 9 * DAY));
  ow_order_list_set_now (fixture->list, ow_order_list_get_valid_until (fixture->list) - 1);
  g_assert_cmpint (ow_order_list_get_computed_at (fixture->list), ==, T0 + 9 * DAY);
}

static void
test_filter_names (void)
{
  for (guint f = 0; f < OW_N_FILTERS; f++)
    {
      OwOrderFilter back = OW_N_FILTERS;

      g_assert_true (ow_order_filter_from_string (ow_order_filter_to_string (f), &back));
      g_assert_cmpint (back, ==, f);
      g_assert_nonnull (ow_order_filter_label (f));
    }

  g_assert_cmpstr (ow_order_filter_to_string (OW_FILTER_NEEDS_ACTION), ==, "needs_action");
  g_assert_cmpstr (ow_order_filter_to_string (OW_FILTER_DISPUTES), ==, "disputes");
  g_assert_cmpstr (ow_order_filter_label (OW_FILTER_AWAITING_PAYMENT), ==, "Awaiting payment");
  {
    OwOrderFilter unused;
    g_assert_false (ow_order_filter_from_string ("shipped-ish", &unused));
    g_assert_false (ow_order_filter_from_string (NULL, &unused));
  }
}

/* Received and long past the marketplace's window, then a PayPal dispute: the order is in
 * the Disputes tab, counting down PayPal's claim deadline, which the marketplace's rules do
 * not know; closed, it goes back where it was. */
static void
test_channel_dispute (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(OwOrder) order = make_order ("8100000000000777", STAGE_RECEIVED, T0);
  g_autoptr(OwDispute) dispute = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = T0 + 90 * DAY;
  const OwDeadlineSet *set;
  const OwDeadline *next;

  ow_order_set_payment_method (order, OW_PAYMENT_PAYPAL);
  add_order (fixture, order);
  fixture_make_list (fixture, now);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_COMPLETED), ==, 1);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_DISPUTES), ==, 0);

  dispute = ow_dispute_new (ow_order_get_id (order), OW_CHANNEL_PAYPAL);
  ow_dispute_set_reason (dispute, "not_as_described");
  ow_dispute_set_amount (dispute, 499);
  ow_dispute_append_step (dispute, OW_STEP_OPENED, now - 2 * DAY, 0, NULL);
  g_assert_true (ow_store_add_dispute (fixture->store, dispute, &error));
  g_assert_no_error (error);

  /* The store named the order: its row moved to the Disputes tab. */
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_COMPLETED), ==, 0);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_DISPUTES), ==, 1);
  set = ow_order_list_get_deadlines (fixture->list, order);
  g_assert_nonnull (set);
  g_assert_cmpint (set->status, ==, OW_STATUS_DISPUTE);
  next = ow_deadlines_get_next (set);
  g_assert_nonnull (next);
  g_assert_cmpstr (ow_rule_get_id (next->rule), ==, "paypal_escalate_by");
  g_assert_cmpint (next->due, >, now);
  g_assert_cmpint (set->urgency, ==, next->due);

  /* A fresh list reads the same from the store. */
  g_clear_object (&fixture->list);
  g_ptr_array_set_size (fixture->mirror, 0);
  fixture_make_list (fixture, now);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_DISPUTES), ==, 1);
  set = ow_order_list_get_deadlines (fixture->list, order);
  g_assert_nonnull (ow_deadlines_find (set, "paypal_escalate_by"));

  /* Closed with PayPal: nothing of it counts down any more. */
  ow_dispute_append_step (dispute, OW_STEP_CLOSED, now - DAY, 0, NULL);
  g_assert_true (ow_store_update_dispute (fixture->store, dispute, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_DISPUTES), ==, 0);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_COMPLETED), ==, 1);
  set = ow_order_list_get_deadlines (fixture->list, order);
  g_assert_null (ow_deadlines_find (set, "paypal_escalate_by"));
}

/* The order being deleted (undo still possible) leaves the rows and the counts. */
static void
test_hidden (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(OwOrder) hidden = NULL;
  guint all, needs_action, n_rows;
  const OwDeadlineSet *set;

  seed_stages (fixture);
  fixture_make_list (fixture, T0);
  all = ow_order_list_get_count (fixture->list, OW_FILTER_ALL);
  needs_action = ow_order_list_get_count (fixture->list, OW_FILTER_NEEDS_ACTION);
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
  g_assert_cmpuint (needs_action, >, 0);

  ow_order_list_set_filter (fixture->list, OW_FILTER_NEEDS_ACTION);
  hidden = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
  set = ow_order_list_get_deadlines (fixture->list, hidden);
  fixture->n_counts_changed = 0;

  ow_order_list_set_hidden (fixture->list, ow_order_get_id (hidden));
  g_assert_cmpint (ow_order_list_get_hidden (fixture->list), ==, ow_order_get_id (hidden));
  g_assert_cmpuint (fixture->n_counts_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==,
                    needs_action - 1);
  g_assert_cmpuint (fixture->mirror->len, ==, needs_action - 1);
  for (guint i = 0; i < fixture->mirror->len; i++)
    g_assert_cmpint (ow_order_get_id (g_ptr_array_index (fixture->mirror, i)), !=,
                     ow_order_get_id (hidden));
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_ALL), ==, all - 1);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_NEEDS_ACTION), ==,
                    needs_action - 1);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, ow_order_status_get_filter (set->status)),
                    ==, 1);
  /* Another tab does not show it either. */
  ow_order_list_set_filter (fixture->list, OW_FILTER_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n_rows - 1);

  /* Undone: back where it was. */
  ow_order_list_set_hidden (fixture->list, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n_rows);
  g_assert_cmpuint (ow_order_list_get_count (fixture->list, OW_FILTER_ALL), ==, all);
  assert_model_consistent (fixture);
}

static void
seed_many (Fixture *fixture,
           guint    n)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("S%05u", i);

      g_ptr_array_add (orders, make_order (number, i % 6, T0 - 30 * DAY - i * HOUR));
    }
  g_assert_true (ow_store_add_orders (fixture->store, orders, &error));
  g_assert_no_error (error);
}

/* From saved summaries, only the orders somebody asks for are read: the first screen,
 * a row scrolled to, every one for a search. */
static void
test_summaries_read_what_is_shown (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(OwOrderList) list = NULL;
  g_autoptr(OwOrderList) full = NULL;
  g_autoptr(OwOrder) far = NULL;
  const guint n = 300;

  seed_many (fixture, n);

  /* Nothing saved yet: the first list reads and computes every order. */
  list = new_list_from_summaries (fixture, T0);
  g_assert_cmpuint (ow_order_list_get_n_read (list), ==, n);
  ow_order_list_start_saving (list);
  run_idles ();
  g_clear_object (&list);

  list = new_list_from_summaries (fixture, T0);
  full = g_object_new (OW_TYPE_ORDER_LIST, "store", fixture->store, "policies", fixture->policies,
                       "now", T0, NULL);
  g_assert_cmpuint (ow_order_list_get_n_read (list), ==, 0);
  for (guint f = 0; f < OW_N_FILTERS; f++)
    g_assert_cmpuint (ow_order_list_get_count (list, f), ==, ow_order_list_get_count (full, f));

  ow_order_list_read_orders (list, 40);
  g_assert_cmpuint (ow_order_list_get_n_read (list), ==, 40);
  far = g_list_model_get_item (G_LIST_MODEL (list), 200);
  g_assert_cmpuint (ow_order_list_get_n_read (list), ==, 41);

  /* Finding an order's row reads nothing. */
  {
    g_autoptr(OwOrder) other = g_list_model_get_item (G_LIST_MODEL (full), 250);
    gint64 other_id = ow_order_get_id (other);

    g_assert_cmpuint (ow_order_list_find_position (list, other_id), ==, 250);
    g_assert_cmpuint (ow_order_list_find_position (list, ow_order_get_id (far)), ==, 200);
    g_assert_cmpuint (ow_order_list_get_n_read (list), ==, 41);
    g_assert_cmpuint (ow_order_list_find_position (list, 999999), ==, G_MAXUINT);
    ow_order_list_set_hidden (list, other_id);
    g_assert_cmpuint (ow_order_list_find_position (list, other_id), ==, G_MAXUINT);
    g_assert_cmpuint (ow_order_list_find_position (list, ow_order_get_id (far)), ==, 200);
    ow_order_list_set_hidden (list, 0);
    ow_order_list_set_search (list, "no such order");
    g_assert_cmpuint (ow_order_list_find_position (list, ow_order_get_id (far)), ==,
                      G_MAXUINT);
    ow_order_list_set_search (list, NULL);
  }
  {
    g_autoptr(OwOrder) same = g_list_model_get_item (G_LIST_MODEL (full), 200);

    g_assert_true (ow_order_equal (far, same));
  }
  /* Every row in the same place as in the list that read everything. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OwOrder) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(OwOrder) b = g_list_model_get_item (G_LIST_MODEL (full), i);

      g_assert_cmpint (ow_order_get_id (a), ==, ow_order_get_id (b));
    }
  g_clear_object (&list);

  /* A search needs every order's text. */
  list = new_list_from_summaries (fixture, T0);
  ow_order_list_set_search (list, "S0012");
  g_assert_cmpuint (ow_order_list_get_n_read (list), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
}

static void
assert_same_as_full (Fixture     *fixture,
                     OwOrderList *list)
{
  g_autoptr(OwOrderList) full = g_object_new (OW_TYPE_ORDER_LIST, "store", fixture->store,
                                              "policies", fixture->policies,
                                              "now", ow_order_list_get_now (list), NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (full));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  for (guint f = 0; f < OW_N_FILTERS; f++)
    g_assert_cmpuint (ow_order_list_get_count (list, f), ==, ow_order_list_get_count (full, f));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OwOrder) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(OwOrder) b = g_list_model_get_item (G_LIST_MODEL (full), i);

      g_assert_true (ow_order_equal (a, b));
    }
}

/* What no longer holds is read and computed again: an order changed behind the list's
 * back (another program), a summary whose next change has come, other rules. */
static void
test_summaries_stale (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(OwOrderList) list = NULL;
  g_autoptr(OwPolicyRegistry) other_rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rules_dir = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *changed_sql = NULL;
  sqlite3 *db = NULL;
  gint64 changes_at = G_MAXINT64;
  guint n_changing = 0;
  const guint n = 120;

  seed_many (fixture, n);
  save_summaries (fixture, T0);

  /* Another connection, as the command line would be: the trigger clears the summary. */
  g_assert_cmpint (sqlite3_open (ow_store_get_path (fixture->store), &db), ==, SQLITE_OK);
  changed_sql = g_strdup_printf ("UPDATE orders SET received_at = %" G_GINT64_FORMAT
                                 " WHERE order_number = 'S00002'", T0 - DAY);
  g_assert_cmpint (sqlite3_exec (db, changed_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  list = new_list_from_summaries (fixture, T0);
  g_assert_cmpuint (ow_order_list_get_n_read (list), ==, 1);
  assert_same_as_full (fixture, list);
  ow_order_list_start_saving (list);
  run_idles ();
  g_clear_object (&list);
  list = new_list_from_summaries (fixture, T0);
  g_assert_cmpuint (ow_order_list_get_n_read (list), ==, 0);
  g_clear_object (&list);

  /* A save computed from an order read before a change is dropped. */
  {
    g_autoptr(GArray) summaries = ow_store_list_order_summaries (
      fixture->store, ow_policy_registry_get_fingerprint (fixture->policies), &error);
    OwOrderSummary *first = &g_array_index (summaries, OwOrderSummary, 0);
    g_autofree char *sql = g_strdup_printf ("UPDATE orders SET notes = 'x' WHERE id = %"
                                            G_GINT64_FORMAT, first->order_id);

    g_assert_no_error (error);
    g_assert_true (first->computed);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    first->urgency = 12345;
    g_assert_true (ow_store_save_order_summaries (
      fixture->store, ow_policy_registry_get_fingerprint (fixture->policies), summaries, &error));
    g_assert_no_error (error);
    g_clear_pointer (&summaries, g_array_unref);
    summaries = ow_store_list_order_summaries (
      fixture->store, ow_policy_registry_get_fingerprint (fixture->policies), &error);
    first = &g_array_index (summaries, OwOrderSummary, 0);
    g_assert_false (first->computed);
    g_assert_true (g_array_index (summaries, OwOrderSummary, 1).computed);
  }
  sqlite3_close (db);
  save_summaries (fixture, T0);

  /* Later, past the first summaries' next change: those, and only those, are read. */
  list = new_list_from_summaries (fixture, T0);
  changes_at = ow_order_list_get_valid_until (list);
  g_assert_cmpint (changes_at, <, G_MAXINT64);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OwOrder) order = g_list_model_get_item (G_LIST_MODEL (list), i);
      OwDeadlineSet set;

      ow_order_list_compute_deadlines (list, order, &set);
      n_changing += set.changes_at == changes_at;
    }
  g_clear_object (&list);
  list = new_list_from_summaries (fixture, changes_at);
  g_assert_cmpuint (ow_order_list_get_n_read (list), ==, n_changing);
  assert_same_as_full (fixture, list);
  g_clear_object (&list);

  /* Other rules (a user's policy file): every order again. */
  rules_dir = g_build_filename (g_get_user_config_dir (), "rules", NULL);
  g_assert_cmpint (g_mkdir_with_parents (rules_dir, 0700), ==, 0);
  policy = g_build_filename (rules_dir, "aliexpress.json", NULL);
  {
    g_autoptr(GBytes) bundled = g_resource_lookup_data (
      ow_core_get_resource (), RESOURCE_BASE "/policies/aliexpress.json", 0, &error);

    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (policy, g_bytes_get_data (bundled, NULL),
                                        g_bytes_get_size (bundled), &error));
  }
  other_rules = ow_policy_registry_new_for_directory (rules_dir);
  g_assert_cmpstr (ow_policy_registry_get_fingerprint (other_rules), !=,
                   ow_policy_registry_get_fingerprint (fixture->policies));
  list = g_object_new (OW_TYPE_ORDER_LIST, "store", fixture->store, "policies", other_rules,
                       "now", T0, "from-summaries", TRUE, NULL);
  g_assert_cmpuint (ow_order_list_get_n_read (list), ==, n);
}

/* The sort agrees with ow_list_entry_compare, extremes included (no deadline, no date). */
static void
test_sort_keys (void)
{
  static const gint64 values[] = {
    G_MININT64, G_MININT64 + 1, -DAY, -1, 0, 1, T0, T0 + 1, T0 + DAY, G_MAXINT64 - 1, G_MAXINT64,
  };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 5000; i++)
    {
      OwListEntry *entry = g_new0 (OwListEntry, 1);

      entry->id = i + 1;
      entry->urgency = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];
      entry->date = i % 7 == 0 ? values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]
                               : T0 - g_rand_int_range (rand, 0, 1000) * HOUR;
      g_ptr_array_add (entries, entry);
    }
  /* Not in id order either. */
  for (guint i = entries->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      gpointer swap = entries->pdata[i];

      entries->pdata[i] = entries->pdata[j];
      entries->pdata[j] = swap;
    }
  g_rand_free (rand);

  ow_list_entries_sort (entries);
  g_assert_cmpuint (entries->len, ==, 5000);
  for (guint i = 1; i < entries->len; i++)
    g_assert_cmpint (ow_list_entry_compare (g_ptr_array_index (entries, i - 1),
                                            g_ptr_array_index (entries, i)), <, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

/* Each test twice: on a list read from every order, and on one read from saved summaries. */
#define ADD(path, func) \
  g_test_add ("/core/order-list/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down); \
  g_test_add ("/core/order-list/summaries/" path, Fixture, GINT_TO_POINTER (TRUE), \
              fixture_set_up, func, fixture_tear_down)
  ADD ("filters", test_filters);
  ADD ("search", test_search);
  ADD ("sorting", test_sorting);
  ADD ("incremental", test_incremental);
  ADD ("batch", test_batch);
  ADD ("set-now", test_set_now);
  ADD ("set-now-span", test_set_now_span);
  ADD ("set-now-span-update", test_set_now_span_update);
  ADD ("set-now-walk", test_set_now_walk);
  ADD ("large", test_large);
  ADD ("channel-dispute", test_channel_dispute);
  ADD ("hidden", test_hidden);
#undef ADD
  g_test_add ("/core/order-list/summaries/reads-what-is-shown", Fixture, NULL, fixture_set_up,
              test_summaries_read_what_is_shown, fixture_tear_down);
  g_test_add ("/core/order-list/summaries/stale", Fixture, NULL, fixture_set_up,
              test_summaries_stale, fixture_tear_down);
  g_test_add_func ("/core/order-list/filter-names", test_filter_names);
  g_test_add_func ("/core/order-list/sort-keys", test_sort_keys);

  return g_test_run ();
}
