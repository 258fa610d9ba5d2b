/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-dispute.h"
#include "ow-error.h"
#include "ow-order-list-private.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store-summaries.h"
#include "ow-store.h"
#include "ow-time.h"

struct _OwOrderList
{
  GObject           parent_instance;

  OwStore          *store;
  OwPolicyRegistry *policies;
  OwOrderFilter     filter;
  char             *search;
  char            **terms;      /* casefolded words of @search; NULL when empty */
  gint64            hidden_id;  /* an order out of the rows and the counts, or 0 */
  gint64            now;
  /* Every entry is computed at or before @computed_at and holds until @valid_until (the
   * earliest changes_at): a "now" in between needs no work. */
  gint64            computed_at;
  gint64            valid_until;

  GPtrArray        *entries;    /* every order, sorted; owns the entries */
  GPtrArray        *visible;    /* the filtered subset, same order */
  GPtrArray        *by_id;      /* the same entries by id, for lookups */
  GHashTable       *tracking;   /* order id -> tracking numbers; loaded for the first search */
  guint             counts[OW_N_FILTERS];

  /* Reading from the saved summaries: the orders are read as they are asked for. */
  gboolean          from_summaries;
  gboolean          saving;     /* new computations are saved, from an idle */
  guint             save_id;
};

static void ow_order_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OwOrderList, ow_order_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ow_order_list_model_init))

enum { PROP_0, PROP_STORE, PROP_POLICIES, PROP_FILTER, PROP_SEARCH, PROP_NOW, PROP_FROM_SUMMARIES,
       N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { COUNTS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Where an entry with @id is, or would go, in self->by_id. */
static guint
id_position (OwOrderList *self,
             gint64       id)
{
  guint low = 0, high = self->by_id->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (((OwListEntry *) g_ptr_array_index (self->by_id, mid))->id < id)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static OwListEntry *
lookup_id (OwOrderList *self,
           gint64       id)
{
  guint pos = id_position (self, id);
  OwListEntry *entry;

  if (pos == self->by_id->len)
    return NULL;
  entry = g_ptr_array_index (self->by_id, pos);
  return entry->id == id ? entry : NULL;
}

/* Reading orders for entries made from summaries */

static void schedule_save (OwOrderList *self);

/* An order the store no longer has (another program deleted it) still needs an item
 * until the store says so: one with nothing but its id. */
static OwOrder *
read_order (OwOrderList *self,
            gint64       id)
{
  g_autoptr(GError) error = NULL;
  OwOrder *order = ow_store_get_order (self->store, id, &error);

  if (order == NULL)
    {
      g_warning ("Could not read order %" G_GINT64_FORMAT ": %s", id, error->message);
      order = ow_order_new ();
      ow_order_set_id (order, id);
    }
  return order;
}

/* The entry's order, read now if it was not yet. */
static OwOrder *
entry_order (OwOrderList *self,
             OwListEntry *entry)
{
  if (entry->order == NULL)
    ow_list_entry_set_order (entry, read_order (self, entry->id));
  return entry->order;
}

static int
compare_entry_id (gconstpointer key,
                  gconstpointer element);

/* Gives every entry of @entries its order: one by one when they are few, else from one
 * read of every order (which also gives the other entries theirs). */
static void
ensure_orders (OwOrderList *self,
               GPtrArray   *entries)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  guint missing = 0;

  for (guint i = 0; i < entries->len; i++)
    if (((OwListEntry *) g_ptr_array_index (entries, i))->order == NULL)
      missing++;
  if (missing == 0)
    return;

  if (missing > 64 && missing > self->by_id->len / 8)
    {
      orders = ow_store_list_orders (self->store, &error);
      if (orders == NULL)
        g_warning ("Could not load the orders: %s", error->message);
    }
  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);
      gint64 id = ow_order_get_id (order);
      OwListEntry **entry = bsearch (&id, self->by_id->pdata, self->by_id->len,
                                     sizeof (gpointer), compare_entry_id);

      if (entry != NULL && (*entry)->order == NULL)
        ow_list_entry_set_order (*entry, g_object_ref (order));
    }
  /* Without the big read, or for what it did not find. */
  for (guint i = 0; i < entries->len; i++)
    entry_order (self, g_ptr_array_index (entries, i));
}

static void
ensure_tracking (OwOrderList *self)
{
  g_autoptr(GError) error = NULL;

  if (self->tracking != NULL)
    return;

  self->tracking = ow_store_list_tracking_numbers (self->store, &error);
  if (self->tracking == NULL)
    {
      g_warning ("Search without tracking numbers: %s", error->message);
      self->tracking = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
    }
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static const char *
entry_haystack (OwOrderList *self,
                OwListEntry       *entry)
{
  g_autofree char *text = NULL;

  if (entry->haystack != NULL)
    return entry->haystack;

  ensure_tracking (self);
  entry_order (self, entry);
  /* A newline keeps a term from matching across two fields. */
  text = g_strconcat (or_empty (ow_order_get_order_number (entry->order)), "\n",
                      or_empty (ow_order_get_item_title (entry->order)), "\n",
                      or_empty (ow_order_get_store_name (entry->order)), "\n",
                      or_empty (g_hash_table_lookup (self->tracking, &entry->id)), NULL);
  entry->haystack = g_utf8_casefold (text, -1);
  return entry->haystack;
}

/* Every word of the search must appear somewhere in the order. */
static gboolean
search_matches (OwOrderList *self,
                OwListEntry       *entry)
{
  const char *haystack;

  if (self->terms == NULL)
    return TRUE;

  haystack = entry_haystack (self, entry);
  for (guint i = 0; self->terms[i] != NULL; i++)
    if (strstr (haystack, self->terms[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
entry_visible (OwOrderList *self,
               OwListEntry       *entry)
{
  return entry->id != self->hidden_id && ow_list_entry_in_filter (entry, self->filter) &&
         search_matches (self, entry);
}

/* Rebuilding */

static GPtrArray *
compute_visible (OwOrderList *self)
{
  GPtrArray *visible;

  if (self->filter == OW_FILTER_ALL && self->terms == NULL && self->hidden_id == 0)
    {
      visible = g_ptr_array_sized_new (self->entries->len);
      g_ptr_array_extend (visible, self->entries, NULL, NULL);
      return visible;
    }

  visible = g_ptr_array_new ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      OwListEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry_visible (self, entry))
        g_ptr_array_add (visible, entry);
    }
  return visible;
}

/* Replaces the visible rows, announcing only the span between what stayed at both ends. */
static void
replace_visible (OwOrderList *self,
                 GPtrArray   *visible)
{
  g_autoptr(GPtrArray) old = self->visible;
  guint prefix = 0, suffix = 0;

  self->visible = visible;

  if (old == NULL)
    return;

  while (prefix < old->len && prefix < visible->len &&
         g_ptr_array_index (old, prefix) == g_ptr_array_index (visible, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < visible->len - prefix &&
         g_ptr_array_index (old, old->len - 1 - suffix) ==
         g_ptr_array_index (visible, visible->len - 1 - suffix))
    suffix++;

  if (old->len - prefix - suffix > 0 || visible->len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old->len - prefix - suffix, visible->len - prefix - suffix);
}

static void
recount (OwOrderList *self)
{
  guint old[OW_N_FILTERS];

  memcpy (old, self->counts, sizeof old);
  memset (self->counts, 0, sizeof self->counts);
  for (guint i = 0; i < self->entries->len; i++)
    ow_list_entry_count (g_ptr_array_index (self->entries, i), self->counts, 1);

  if (memcmp (old, self->counts, sizeof old) != 0)
    g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* Every entry at self->now, from scratch. */
static void
recompute_all (OwOrderList *self)
{
  ensure_orders (self, self->by_id);
  self->valid_until = ow_list_entries_compute (self->by_id, self->policies, self->now);
  self->computed_at = self->now;
  ow_list_entries_sort (self->entries);
  replace_visible (self, compute_visible (self));
  recount (self);
}

typedef struct
{
  gint64        urgency;
  OwOrderStatus status;
  gboolean      needs_action;
} Summary;

/* "now" moved on past valid_until: only the entries whose deadlines may have changed since
 * are computed again, and the rows re-sorted only if one of those moved. */
static void
advance (OwOrderList *self)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  g_autofree Summary *before = NULL;
  gint64 valid_until = G_MAXINT64, recomputed_until;
  gboolean moved = FALSE;

  for (guint i = 0; i < self->by_id->len; i++)
    {
      OwListEntry *entry = g_ptr_array_index (self->by_id, i);

      if (entry->changes_at <= self->now)
        g_ptr_array_add (stale, entry);
      else
        valid_until = MIN (valid_until, entry->changes_at);
    }

  before = g_new (Summary, stale->len);
  for (guint i = 0; i < stale->len; i++)
    {
      OwListEntry *entry = g_ptr_array_index (stale, i);

      before[i] = (Summary) { entry->urgency, entry->status, entry->needs_action };
    }

  ensure_orders (self, stale);
  recomputed_until = ow_list_entries_compute (stale, self->policies, self->now);
  schedule_save (self);
  /* The others hold from when they were computed until after now; these only from now. */
  self->valid_until = MIN (valid_until, recomputed_until);
  self->computed_at = self->now;

  for (guint i = 0; i < stale->len && !moved; i++)
    {
      OwListEntry *entry = g_ptr_array_index (stale, i);

      moved = entry->urgency != before[i].urgency || entry->status != before[i].status ||
              entry->needs_action != before[i].needs_action;
    }
  if (!moved)
    return;

  ow_list_entries_sort (self->entries);
  replace_visible (self, compute_visible (self));
  recount (self);
}

static void
add_channel_dispute (OwListEntry *entry,
                     OwDispute   *dispute)
{
  if (entry->channel_disputes == NULL)
    entry->channel_disputes = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (entry->channel_disputes, g_object_ref (dispute));
}

static int
compare_entry_id (gconstpointer key,
                  gconstpointer element)
{
  gint64 id = *(const gint64 *) key;
  const OwListEntry *entry = *(OwListEntry * const *) element;

  return (id > entry->id) - (id < entry->id);
}

/* The open disputes on PayPal or the card, which the marketplace's rules do not know: a few
 * rows, whatever the number of orders. @by_id is sorted by id. */
static void
attach_channel_disputes (OwOrderList *self,
                         GPtrArray   *by_id)
{
  g_autoptr(GPtrArray) disputes = NULL;
  g_autoptr(GError) error = NULL;

  disputes = ow_store_list_open_channel_disputes (self->store, 0, &error);
  if (disputes == NULL)
    {
      g_warning ("Could not read the open disputes: %s", error->message);
      return;
    }
  for (guint i = 0; i < disputes->len; i++)
    {
      OwDispute *dispute = g_ptr_array_index (disputes, i);
      gint64 order_id = ow_dispute_get_order_id (dispute);
      OwListEntry **entry = bsearch (&order_id, by_id->pdata, by_id->len, sizeof (gpointer),
                                     compare_entry_id);

      if (entry != NULL)
        add_channel_dispute (*entry, dispute);
    }
}

/* Every order read and computed: entries by id. */
static GPtrArray *
read_every_order (OwOrderList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  GPtrArray *entries;

  orders = ow_store_list_orders (self->store, &error);
  if (orders == NULL)
    {
      g_warning ("Could not load the orders: %s", error->message);
      orders = g_ptr_array_new_with_free_func (g_object_unref);
    }

  /* The entries take over the orders' references. The store lists them by id, which is
   * also the order they sit in memory: compute them in that order. */
  g_ptr_array_set_free_func (orders, NULL);
  entries = g_ptr_array_new_full (orders->len, (GDestroyNotify) ow_list_entry_free);
  for (guint i = 0; i < orders->len; i++)
    g_ptr_array_add (entries, ow_list_entry_new (g_ptr_array_index (orders, i)));
  attach_channel_disputes (self, entries);
  self->valid_until = ow_list_entries_compute (entries, self->policies, self->now);
  return entries;
}

typedef struct
{
  gint64     now;
  GPtrArray *entries;
  GPtrArray *stale;        /* the entries whose summary does not hold at @now */
  gint64     valid_until;  /* the earliest changes_at of the others */
} SummaryRead;

static void
add_summary_entry (const OwOrderSummary *summary,
                   gpointer              data)
{
  SummaryRead *read = data;
  OwListEntry *entry = ow_list_entry_new_from_summary (summary);

  g_ptr_array_add (read->entries, entry);
  if (!summary->computed || summary->computed_at > read->now || summary->changes_at <= read->now)
    g_ptr_array_add (read->stale, entry);
  else
    read->valid_until = MIN (read->valid_until, summary->changes_at);
}

/* An entry per saved summary, by id; only the orders whose summary does not hold at
 * self->now are read and computed. NULL when the summaries cannot be read. */
static GPtrArray *
read_summaries (OwOrderList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  SummaryRead read = { self->now, NULL, stale, G_MAXINT64 };
  GPtrArray *entries;
  gint64 valid_until;

  /* As many entries as last time, give or take: one allocation. */
  entries = g_ptr_array_new_full (self->by_id->len, (GDestroyNotify) ow_list_entry_free);
  read.entries = entries;
  /* Read before the orders: a change in between moves a revision, and stops the save. */
  if (!ow_store_read_order_summaries (self->store,
                                      ow_policy_registry_get_fingerprint (self->policies),
                                      add_summary_entry, &read, &error))
    {
      g_warning ("Reading every order: %s", error->message);
      g_ptr_array_unref (entries);
      return NULL;
    }
  valid_until = read.valid_until;
  attach_channel_disputes (self, entries);

  /* ensure_orders () finds the entries through by_id. */
  g_clear_pointer (&self->by_id, g_ptr_array_unref);
  self->by_id = g_ptr_array_sized_new (entries->len);
  g_ptr_array_extend (self->by_id, entries, NULL, NULL);
  ensure_orders (self, stale);
  self->valid_until = MIN (valid_until,
                           ow_list_entries_compute (stale, self->policies, self->now));
  return entries;
}

static void
load_all (OwOrderList *self)
{
  GPtrArray *entries = NULL;
  guint old_len = self->visible != NULL ? self->visible->len : 0;

  if (self->from_summaries && self->policies != NULL)
    entries = read_summaries (self);
  if (entries == NULL)
    {
      entries = read_every_order (self);
      /* Without the revisions read first, a save could cover a change made meanwhile. */
      if (self->from_summaries)
        for (guint i = 0; i < entries->len; i++)
          ((OwListEntry *) g_ptr_array_index (entries, i))->unsaved = FALSE;
    }
  self->computed_at = self->now;

  g_clear_pointer (&self->tracking, g_hash_table_unref);
  /* Reading every row filled SQLite's page cache with pages nobody will ask for soon: hand
   * that memory back so what comes next (drawing the window) reuses it. */
  ow_store_release_memory (self->store);

  g_clear_pointer (&self->by_id, g_ptr_array_unref);
  self->by_id = g_ptr_array_sized_new (entries->len);
  g_ptr_array_extend (self->by_id, entries, NULL, NULL);
  ow_list_entries_sort (entries);

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  self->visible = compute_visible (self);

  if (old_len > 0 || self->visible->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->visible->len);
  recount (self);
  schedule_save (self);
}

/* Incremental update */

static char *
read_tracking_numbers (OwOrderList *self,
                       gint64       order_id)
{
  g_autoptr(GError) error = NULL;
  char *numbers = ow_store_get_tracking_numbers (self->store, order_id, &error);

  if (error != NULL)
    g_warning ("%s", error->message);
  return numbers;
}

/* Takes @entry out of every index; returns its visible position or G_MAXUINT. Emits nothing. */
static guint
take_entry (OwOrderList *self,
            OwListEntry       *entry)
{
  guint pos = ow_list_entries_position (self->visible, entry);

  if (pos < self->visible->len && g_ptr_array_index (self->visible, pos) == entry)
    g_ptr_array_remove_index (self->visible, pos);
  else
    pos = G_MAXUINT;

  ow_list_entry_count (entry, self->counts, -1);
  g_ptr_array_remove_index (self->by_id, id_position (self, entry->id));
  g_ptr_array_steal_index (self->entries, ow_list_entries_position (self->entries, entry));
  return pos;
}

/* Adds @entry to the indexes but not to the visible rows; returns where it would show or
 * G_MAXUINT. */
static guint
place_entry (OwOrderList *self,
             OwListEntry       *entry)
{
  g_ptr_array_insert (self->entries, ow_list_entries_position (self->entries, entry), entry);
  g_ptr_array_insert (self->by_id, id_position (self, entry->id), entry);
  ow_list_entry_count (entry, self->counts, 1);

  return entry_visible (self, entry) ? ow_list_entries_position (self->visible, entry) : G_MAXUINT;
}

/* Replaces the entry of @order_id with what the store holds now (none when deleted),
 * announcing only that row; the tab counts are compared once by the caller. */
static void
update_one (OwOrderList *self,
            gint64       order_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OwOrder) order = NULL;
  OwListEntry *old = lookup_id (self, order_id);
  OwListEntry *entry = NULL;
  guint old_pos = G_MAXUINT, new_pos = G_MAXUINT;
  gint64 revision = 0;

  /* Before the order: a change after this read moves it on, and the save is dropped. */
  if (self->from_summaries)
    revision = ow_store_get_summary_revision (self->store, order_id, NULL);
  order = ow_store_get_order (self->store, order_id, &error);
  if (order == NULL && !g_error_matches (error, OW_STORE_ERROR, OW_STORE_ERROR_NOT_FOUND))
    {
      g_warning ("Could not reload order %" G_GINT64_FORMAT ": %s", order_id, error->message);
      return;
    }

  if (self->tracking != NULL)
    {
      char *numbers = read_tracking_numbers (self, order_id);

      if (numbers != NULL)
        g_hash_table_insert (self->tracking, g_memdup2 (&order_id, sizeof order_id), numbers);
      else
        g_hash_table_remove (self->tracking, &order_id);
    }

  if (order != NULL)
    {
      gint64 changes_at;

      g_autoptr(GPtrArray) disputes = ow_store_list_open_channel_disputes (self->store, order_id,
                                                                           NULL);

      entry = ow_list_entry_new (g_steal_pointer (&order));
      entry->revision = revision;
      for (guint i = 0; disputes != NULL && i < disputes->len; i++)
        add_channel_dispute (entry, g_ptr_array_index (disputes, i));
      /* Keep the pointer handed out valid, with the new values. */
      if (old != NULL && old->deadlines != NULL)
        entry->deadlines = g_steal_pointer (&old->deadlines);
      changes_at = ow_list_entry_compute (entry, self->policies, self->now);
      /* The others hold from computed_at on, this one only from now. */
      self->valid_until = MIN (self->valid_until, changes_at);
      self->computed_at = MAX (self->computed_at, self->now);
    }

  if (old != NULL)
    old_pos = take_entry (self, old);
  if (entry != NULL)
    new_pos = place_entry (self, entry);

  /* The model must match each announcement, so a move is a removal, then an insertion;
   * an order that stays in place is one "changed" row. */
  if (old_pos != G_MAXUINT && old_pos == new_pos)
    {
      g_ptr_array_insert (self->visible, new_pos, entry);
      g_list_model_items_changed (G_LIST_MODEL (self), new_pos, 1, 1);
    }
  else
    {
      if (old_pos != G_MAXUINT)
        g_list_model_items_changed (G_LIST_MODEL (self), old_pos, 1, 0);
      if (new_pos != G_MAXUINT)
        {
          g_ptr_array_insert (self->visible, new_pos, entry);
          g_list_model_items_changed (G_LIST_MODEL (self), new_pos, 0, 1);
        }
    }

  if (old != NULL)
    ow_list_entry_free (old);
}

/* Past this share of the list, one read of every order beats that many single reads. */
#define RELOAD_FRACTION 8
#define RELOAD_MIN      64

static void
on_store_orders_changed_cb (OwStore     *store,
                            GArray      *order_ids,
                            OwOrderList *self)
{
  guint old_counts[OW_N_FILTERS];

  if (order_ids->len > RELOAD_MIN && order_ids->len > self->by_id->len / RELOAD_FRACTION)
    {
      load_all (self);
      return;
    }

  memcpy (old_counts, self->counts, sizeof old_counts);
  for (guint i = 0; i < order_ids->len; i++)
    update_one (self, g_array_index (order_ids, gint64, i));
  if (memcmp (old_counts, self->counts, sizeof old_counts) != 0)
    g_signal_emit (self, signals[COUNTS_CHANGED], 0);
  schedule_save (self);
}

/* Saving the summaries */

/* Small enough that a first save of 100,000 orders never holds the main loop long. */
#define SAVE_BATCH 4096

/* Saves up to @limit of the computations not saved yet; FALSE when some remain. */
static gboolean
save_some (OwOrderList *self,
           guint        limit)
{
  g_autoptr(GArray) summaries = g_array_new (FALSE, FALSE, sizeof (OwOrderSummary));
  g_autoptr(GPtrArray) saved = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean done = TRUE;

  for (guint i = 0; i < self->by_id->len; i++)
    {
      OwListEntry *entry = g_ptr_array_index (self->by_id, i);
      OwOrderSummary summary;

      if (!entry->unsaved)
        continue;
      if (saved->len == limit)
        {
          done = FALSE;
          break;
        }
      ow_list_entry_get_summary (entry, &summary);
      g_array_append_val (summaries, summary);
      g_ptr_array_add (saved, entry);
    }
  if (saved->len == 0)
    return TRUE;

  if (!ow_store_save_order_summaries (self->store,
                                      ow_policy_registry_get_fingerprint (self->policies),
                                      summaries, &error))
    {
      /* A cache: the next start computes these again. */
      g_debug ("Could not save the order list: %s", error->message);
      return TRUE;
    }
  for (guint i = 0; i < saved->len; i++)
    ((OwListEntry *) g_ptr_array_index (saved, i))->unsaved = FALSE;
  return done;
}

static gboolean
save_cb (gpointer data)
{
  OwOrderList *self = data;

  if (!save_some (self, SAVE_BATCH))
    return G_SOURCE_CONTINUE;
  self->save_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_save (OwOrderList *self)
{
  if (!self->saving || self->save_id != 0)
    return;
  /* After what the user waits for: drawing, input, the store's own work. */
  self->save_id = g_idle_add_full (G_PRIORITY_LOW, save_cb, self, NULL);
}

/* GListModel */

static GType
ow_order_list_get_item_type (GListModel *model)
{
  return OW_TYPE_ORDER;
}

static guint
ow_order_list_get_n_items (GListModel *model)
{
  OwOrderList *self = OW_ORDER_LIST (model);

  return self->visible->len;
}

static gpointer
ow_order_list_get_item (GListModel *model,
                        guint       position)
{
  OwOrderList *self = OW_ORDER_LIST (model);
  OwListEntry *entry;

  if (position >= self->visible->len)
    return NULL;

  entry = g_ptr_array_index (self->visible, position);
  return g_object_ref (entry_order (self, entry));
}

static void
ow_order_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ow_order_list_get_item_type;
  iface->get_n_items = ow_order_list_get_n_items;
  iface->get_item = ow_order_list_get_item;
}

/* GObject */

static void
ow_order_list_constructed (GObject *object)
{
  OwOrderList *self = OW_ORDER_LIST (object);

  G_OBJECT_CLASS (ow_order_list_parent_class)->constructed (object);

  g_return_if_fail (OW_IS_STORE (self->store));

  g_signal_connect_object (self->store, "orders-changed",
                           G_CALLBACK (on_store_orders_changed_cb), self, 0);
  load_all (self);
}

static void
ow_order_list_dispose (GObject *object)
{
  OwOrderList *self = OW_ORDER_LIST (object);

  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      save_some (self, G_MAXUINT);
    }
  g_clear_object (&self->store);
  g_clear_object (&self->policies);

  G_OBJECT_CLASS (ow_order_list_parent_class)->dispose (object);
}

static void
ow_order_list_finalize (GObject *object)
{
  OwOrderList *self = OW_ORDER_LIST (object);

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->tracking, g_hash_table_unref);
  g_clear_pointer (&self->terms, g_strfreev);
  g_free (self->search);

  G_OBJECT_CLASS (ow_order_list_parent_class)->finalize (object);
}

static void
ow_order_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OwOrderList *self = OW_ORDER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_POLICIES:
      g_value_set_object (value, self->policies);
      break;
    case PROP_FILTER:
      g_value_set_int (value, self->filter);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;
    case PROP_FROM_SUMMARIES:
      g_value_set_boolean (value, self->from_summaries);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_order_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OwOrderList *self = OW_ORDER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_POLICIES:
      self->policies = g_value_dup_object (value);
      break;
    case PROP_FILTER:
      ow_order_list_set_filter (self, g_value_get_int (value));
      break;
    case PROP_SEARCH:
      ow_order_list_set_search (self, g_value_get_string (value));
      break;
    case PROP_NOW:
      ow_order_list_set_now (self, g_value_get_int64 (value));
      break;
    case PROP_FROM_SUMMARIES:
      self->from_summaries = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_order_list_class_init (OwOrderListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ow_order_list_constructed;
  object_class->dispose = ow_order_list_dispose;
  object_class->finalize = ow_order_list_finalize;
  object_class->get_property = ow_order_list_get_property;
  object_class->set_property = ow_order_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, OW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLICIES] =
    g_param_spec_object ("policies", NULL, NULL, OW_TYPE_POLICY_REGISTRY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* An OwOrderFilter; plain int so no enum type has to be registered. */
  properties[PROP_FILTER] =
    g_param_spec_int ("filter", NULL, NULL, 0, OW_N_FILTERS - 1, OW_FILTER_ALL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOW] =
    /* Also a construct property, so a list made for a given instant computes once. */
    g_param_spec_int64 ("now", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);
  /* Read the saved summaries, and the orders only as they are asked for: see
   * ow_order_list_new_from_summaries (). */
  properties[PROP_FROM_SUMMARIES] =
    g_param_spec_boolean ("from-summaries", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OwOrderList::counts-changed:
   *
   * A tab count (ow_order_list_get_count) changed.
   */
  signals[COUNTS_CHANGED] =
    g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ow_order_list_init (OwOrderList *self)
{
  self->filter = OW_FILTER_ALL;
  self->now = ow_time_now ();
  /* Nothing computed yet: any "now" is outside the span. */
  self->computed_at = G_MAXINT64;
  self->valid_until = G_MININT64;
  self->by_id = g_ptr_array_new ();
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ow_list_entry_free);
}

/* Public API */

OwOrderList *
ow_order_list_new (OwStore          *store,
                   OwPolicyRegistry *policies)
{
  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (policies == NULL || OW_IS_POLICY_REGISTRY (policies), NULL);

  /* "now" is a construct property: without it the list would first be computed at 0. */
  return g_object_new (OW_TYPE_ORDER_LIST, "store", store, "policies", policies,
                       "now", ow_time_now (), NULL);
}

OwOrderList *
ow_order_list_new_from_summaries (OwStore          *store,
                                  OwPolicyRegistry *policies)
{
  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), NULL);

  return g_object_new (OW_TYPE_ORDER_LIST, "store", store, "policies", policies,
                       "now", ow_time_now (), "from-summaries", TRUE, NULL);
}

void
ow_order_list_start_saving (OwOrderList *self)
{
  g_return_if_fail (OW_IS_ORDER_LIST (self));

  if (!self->from_summaries)
    return;
  self->saving = TRUE;
  schedule_save (self);
}

void
ow_order_list_read_orders (OwOrderList *self,
                           guint        n_rows)
{
  g_autoptr(GPtrArray) first = NULL;

  g_return_if_fail (OW_IS_ORDER_LIST (self));

  n_rows = MIN (n_rows, self->visible->len);
  first = g_ptr_array_sized_new (n_rows);
  for (guint i = 0; i < n_rows; i++)
    g_ptr_array_add (first, g_ptr_array_index (self->visible, i));
  ensure_orders (self, first);
}

OwStore *
ow_order_list_get_store (OwOrderList *self)
{
  g_return_val_if_fail (OW_IS_ORDER_LIST (self), NULL);
  return self->store;
}

OwPolicyRegistry *
ow_order_list_get_policies (OwOrderList *self)
{
  g_return_val_if_fail (OW_IS_ORDER_LIST (self), NULL);
  return self->policies;
}

void
ow_order_list_set_filter (OwOrderList   *self,
                          OwOrderFilter  filter)
{
  g_return_if_fail (OW_IS_ORDER_LIST (self));
  g_return_if_fail (filter < OW_N_FILTERS);

  if (self->filter == filter)
    return;

  self->filter = filter;
  if (self->visible != NULL)
    replace_visible (self, compute_visible (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

OwOrderFilter
ow_order_list_get_filter (OwOrderList *self)
{
  g_return_val_if_fail (OW_IS_ORDER_LIST (self), OW_FILTER_ALL);
  return self->filter;
}

void
ow_order_list_set_search (OwOrderList *self,
                          const char  *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_if_fail (OW_IS_ORDER_LIST (self));

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (g_strcmp0 (self->search ? self->search : "", stripped) == 0)
    return;

  g_free (self->search);
  self->search = *stripped ? g_strdup (stripped) : NULL;
  g_clear_pointer (&self->terms, g_strfreev);
  if (self->search != NULL)
    {
      g_auto(GStrv) words = NULL;
      GPtrArray *kept = g_ptr_array_new ();

      folded = g_utf8_casefold (self->search, -1);
      words = g_strsplit_set (folded, " \t\n", -1);

      /* Runs of spaces leave empty words: drop them. */
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_ptr_array_add (kept, g_strdup (words[i]));
      g_ptr_array_add (kept, NULL);
      self->terms = (char **) g_ptr_array_free (kept, FALSE);
      /* Every order's text is searched: one read of them all, not one read each. */
      ensure_orders (self, self->by_id);
    }

  if (self->visible != NULL)
    replace_visible (self, compute_visible (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
ow_order_list_get_search (OwOrderList *self)
{
  g_return_val_if_fail (OW_IS_ORDER_LIST (self), NULL);
  return self->search;
}

void
ow_order_list_set_now (OwOrderList *self,
                       gint64       now)
{
  g_return_if_fail (OW_IS_ORDER_LIST (self));

  if (self->now == now)
    return;

  self->now = now;
  /* Almost every tick of the window's clock lands inside the span where nothing changes.
   * Backwards (a clock set back), entries may have been computed after the new instant. */
  if (self->visible != NULL && now < self->computed_at)
    recompute_all (self);
  else if (self->visible != NULL && now >= self->valid_until)
    advance (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

gint64
ow_order_list_get_now (OwOrderList *self)
{
  g_return_val_if_fail (OW_IS_ORDER_LIST (self), 0);
  return self->now;
}

guint
ow_order_list_get_count (OwOrderList   *self,
                         OwOrderFilter  filter)
{
  OwListEntry *hidden;

  g_return_val_if_fail (OW_IS_ORDER_LIST (self), 0);
  g_return_val_if_fail (filter < OW_N_FILTERS, 0);

  /* The counts keep every order; the hidden one is taken off as they are read. */
  hidden = self->hidden_id != 0 ? lookup_id (self, self->hidden_id) : NULL;
  if (hidden != NULL && ow_list_entry_in_filter (hidden, filter))
    return self->counts[filter] - 1;
  return self->counts[filter];
}

guint
ow_order_list_find_position (OwOrderList *self,
                             gint64       order_id)
{
  OwListEntry *entry;
  guint position;

  g_return_val_if_fail (OW_IS_ORDER_LIST (self), G_MAXUINT);

  entry = lookup_id (self, order_id);
  if (entry == NULL)
    return G_MAXUINT;
  /* The rows are sorted like every entry: where it would go is where it is, if it is. */
  position = ow_list_entries_position (self->visible, entry);
  if (position < self->visible->len && g_ptr_array_index (self->visible, position) == entry)
    return position;
  return G_MAXUINT;
}

void
ow_order_list_set_hidden (OwOrderList *self,
                          gint64       order_id)
{
  g_return_if_fail (OW_IS_ORDER_LIST (self));
  g_return_if_fail (order_id >= 0);

  if (self->hidden_id == order_id)
    return;

  self->hidden_id = order_id;
  replace_visible (self, compute_visible (self));
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

gint64
ow_order_list_get_hidden (OwOrderList *self)
{
  g_return_val_if_fail (OW_IS_ORDER_LIST (self), 0);
  return self->hidden_id;
}

const OwDeadlineSet *
ow_order_list_get_deadlines (OwOrderList *self,
                             OwOrder     *order)
{
  gint64 id;
  OwListEntry *entry;

  g_return_val_if_fail (OW_IS_ORDER_LIST (self), NULL);
  g_return_val_if_fail (OW_IS_ORDER (order), NULL);

  id = ow_order_get_id (order);
  entry = lookup_id (self, id);
  if (entry == NULL)
    return NULL;

  if (entry->deadlines == NULL)
    {
      entry_order (self, entry);
      entry->deadlines = g_new (OwDeadlineSet, 1);
      /* The same set as at computed_at: @now is inside the span where the entry holds. */
      ow_list_entry_compute_set (entry, self->policies, self->now, entry->deadlines);
    }
  return entry->deadlines;
}

void
ow_order_list_compute_deadlines (OwOrderList   *self,
                                 OwOrder       *order,
                                 OwDeadlineSet *out)
{
  OwListEntry *entry;
  OwListEntry bare = { .order = order };

  g_return_if_fail (OW_IS_ORDER_LIST (self));
  g_return_if_fail (OW_IS_ORDER (order));
  g_return_if_fail (out != NULL);

  /* The list's entry knows the order's disputes on PayPal or the card. */
  entry = lookup_id (self, ow_order_get_id (order));
  if (entry != NULL)
    bare.channel_disputes = entry->channel_disputes;
  ow_list_entry_compute_set (&bare, self->policies, self->now, out);
}

gint64
ow_order_list_get_computed_at (OwOrderList *self)
{
  g_return_val_if_fail (OW_IS_ORDER_LIST (self), OW_TIME_UNSET);
  return self->computed_at;
}

gint64
ow_order_list_get_valid_until (OwOrderList *self)
{
  g_return_val_if_fail (OW_IS_ORDER_LIST (self), OW_TIME_UNSET);
  return self->valid_until;
}

guint
ow_order_list_get_n_read (OwOrderList *self)
{
  guint n = 0;

  g_return_val_if_fail (OW_IS_ORDER_LIST (self), 0);

  for (guint i = 0; i < self->by_id->len; i++)
    n += ((OwListEntry *) g_ptr_array_index (self->by_id, i))->order != NULL;
  return n;
}

void
ow_order_list_reload (OwOrderList *self)
{
  g_return_if_fail (OW_IS_ORDER_LIST (self));
  load_all (self);
}
