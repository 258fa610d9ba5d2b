/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ow-core-resources.h"
#include "ow-error.h"
#include "ow-store-private.h"

struct _OwStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;       /* SQL text -> sqlite3_stmt, finalized on dispose */
  int         schema_version;

  guint       tx_depth;
  gboolean    tx_failed;        /* an inner level rolled back: the outer one must too */
  GArray     *pending;          /* gint64 ids changed in the open transaction, repeats too */
};

G_DEFINE_FINAL_TYPE (OwStore, ow_store, G_TYPE_OBJECT)

enum { ORDERS_CHANGED, ORDER_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Migration N (1-based) is entry N - 1. A new schema version is one more line here. */
static const char * const migrations[] = {
  "/io/github/orderwatch/Orderwatch/schema/001-initial.sql",
  "/io/github/orderwatch/Orderwatch/schema/002-disputes.sql",
  "/io/github/orderwatch/Orderwatch/schema/003-event-key.sql",
  "/io/github/orderwatch/Orderwatch/schema/004-undated-facts.sql",
  "/io/github/orderwatch/Orderwatch/schema/005-parcels-by-order.sql",
  "/io/github/orderwatch/Orderwatch/schema/006-order-summaries.sql",
};

#define BUSY_TIMEOUT_MS 5000

static void
ow_store_dispose (GObject *object)
{
  OwStore *self = OW_STORE (object);

  /* Statements must go before the connection can close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* A statement someone forgot to finalize keeps the file open until it goes. */
      if (sqlite3_close (self->db) != SQLITE_OK)
        {
          g_warning ("Closing %s: %s", self->path, sqlite3_errmsg (self->db));
          sqlite3_close_v2 (self->db);
        }
      self->db = NULL;
    }

  G_OBJECT_CLASS (ow_store_parent_class)->dispose (object);
}

static void
ow_store_finalize (GObject *object)
{
  OwStore *self = OW_STORE (object);

  g_free (self->path);
  g_array_unref (self->pending);

  G_OBJECT_CLASS (ow_store_parent_class)->finalize (object);
}

static void
ow_store_class_init (OwStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ow_store_dispose;
  object_class->finalize = ow_store_finalize;

  /**
   * OwStore::orders-changed:
   * @order_ids: (element-type gint64): the orders that changed, ascending, each once
   *
   * Emitted after a transaction that added, changed or deleted orders committed, before
   * "order-changed": views update only these orders instead of reading every one again.
   */
  signals[ORDERS_CHANGED] =
    g_signal_new ("orders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * OwStore::order-changed:
   * @order_id: the order that changed, or 0 when several did
   *
   * Emitted after a transaction that added, changed or deleted orders committed, for
   * listeners that follow one order. "orders-changed" says which ones when several did.
   */
  signals[ORDER_CHANGED] =
    g_signal_new ("order-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ow_store_init (OwStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Private API shared with the other ow-store-*.c files */

sqlite3 *
ow_store_get_db (OwStore *self)
{
  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  return self->db;
}

static int
error_code_for (int sqlite_code)
{
  switch (sqlite_code)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return OW_STORE_ERROR_DUPLICATE;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return OW_STORE_ERROR_NOT_FOUND;
    default:
      return OW_STORE_ERROR_FAILED;
    }
}

void
ow_store_set_sql_error (OwStore     *self,
                        const char  *what,
                        GError     **error)
{
  g_return_if_fail (OW_IS_STORE (self));

  /* Translators: "Could not save the order: database is locked" */
  g_set_error (error, OW_STORE_ERROR, error_code_for (sqlite3_extended_errcode (self->db)),
               _("%s: %s"), what, sqlite3_errmsg (self->db));
}

sqlite3_stmt *
ow_store_prepare (OwStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      ow_store_set_sql_error (self, _("Could not prepare a database query"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
ow_store_end_scan (OwStore       *self,
                   sqlite3_stmt  *stmt,
                   int            rc,
                   const char    *what,
                   GError       **error)
{
  gboolean done = rc == SQLITE_DONE;

  /* Before the reset, while the connection still holds the step's message. */
  if (!done)
    ow_store_set_sql_error (self, what, error);
  sqlite3_reset (stmt);
  return done;
}

gboolean
ow_store_step_done (OwStore       *self,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error)
{
  return ow_store_end_scan (self, stmt, sqlite3_step (stmt), what, error);
}

const char *
ow_store_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

gint64
ow_store_column_time (sqlite3_stmt *stmt,
                      int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return OW_TIME_UNSET;
  return sqlite3_column_int64 (stmt, column);
}

void
ow_store_bind_text (sqlite3_stmt *stmt,
                    int           column,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

void
ow_store_bind_time (sqlite3_stmt *stmt,
                    int           column,
                    gint64        time)
{
  if (time == OW_TIME_UNSET)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, time);
}

void
ow_store_bind_id (sqlite3_stmt *stmt,
                  int           column,
                  gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, id);
}

static gboolean
exec_sql (OwStore     *self,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      ow_store_set_sql_error (self, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Transactions */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

void
ow_store_ids_sort_unique (GArray *ids)
{
  guint kept = 0;

  g_return_if_fail (ids != NULL);

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (kept == 0 || g_array_index (ids, gint64, i) != g_array_index (ids, gint64, kept - 1))
      g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, kept);
}

/* Both signals for @ids (sorted, unique, not empty). */
static void
emit_changed_ids (OwStore *self,
                  GArray  *ids)
{
  g_signal_emit (self, signals[ORDERS_CHANGED], 0, ids);
  g_signal_emit (self, signals[ORDER_CHANGED], 0,
                 ids->len == 1 ? g_array_index (ids, gint64, 0) : (gint64) 0);
}

gboolean
ow_store_begin (OwStore  *self,
                GError  **error)
{
  g_return_val_if_fail (OW_IS_STORE (self), FALSE);

  if (self->tx_depth == 0)
    {
      /* IMMEDIATE: take the write lock now, not halfway through the action. */
      if (!exec_sql (self, "BEGIN IMMEDIATE", _("Could not start a transaction"), error))
        return FALSE;
      self->tx_failed = FALSE;
      g_array_set_size (self->pending, 0);
    }

  self->tx_depth++;
  return TRUE;
}

static void
rollback_outer (OwStore *self)
{
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->tx_failed = FALSE;
  g_array_set_size (self->pending, 0);
}

gboolean
ow_store_commit (OwStore  *self,
                 GError  **error)
{
  g_autoptr(GArray) changed = NULL;

  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (--self->tx_depth > 0)
    return TRUE;

  if (self->tx_failed)
    {
      rollback_outer (self);
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED,
                   _("Nothing was saved because part of the change failed"));
      return FALSE;
    }

  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      ow_store_set_sql_error (self, _("Could not save the changes"), error);
      rollback_outer (self);
      return FALSE;
    }

  /* Handed over before the emission: a handler may start the next transaction. */
  changed = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (changed->len > 0)
    {
      /* An order saved twice in one action is named once. */
      ow_store_ids_sort_unique (changed);
      emit_changed_ids (self, changed);
    }

  return TRUE;
}

void
ow_store_rollback (OwStore *self)
{
  g_return_if_fail (OW_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  if (--self->tx_depth > 0)
    self->tx_failed = TRUE;
  else
    rollback_outer (self);
}

gboolean
ow_store_in_transaction (OwStore *self)
{
  g_return_val_if_fail (OW_IS_STORE (self), FALSE);
  return self->tx_depth > 0;
}

gboolean
ow_store_ids_contain (GArray *order_ids,
                      gint64  order_id)
{
  g_return_val_if_fail (order_ids != NULL, FALSE);

  return bsearch (&order_id, order_ids->data, order_ids->len, sizeof (gint64),
                  compare_ids) != NULL;
}

void
ow_store_emit_changed (OwStore *self,
                       gint64   order_id)
{
  g_return_if_fail (OW_IS_STORE (self));

  if (self->tx_depth > 0)
    g_array_append_val (self->pending, order_id);
  else
    {
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1);

      g_array_append_val (ids, order_id);
      emit_changed_ids (self, ids);
    }
}

/* Opening and migrations */

char *
ow_store_default_path (void)
{
  const char *env = g_getenv ("ORDERWATCH_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "orderwatch", "orderwatch.db", NULL);
}

static gboolean
query_int (OwStore     *self,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ow_store_set_sql_error (self, _("Could not read the database"), error);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ow_store_set_sql_error (self, _("Could not read the database"), error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *out = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  return TRUE;
}

/* SQLite's log says when opening a file replayed a journal or a WAL left by a process that
 * did not close it: an unclean shutdown, after which a quick check is worth its cost. The
 * notice comes on the thread that opens the file, inside our first read. */
static GPrivate recovered_key;

static void
on_sqlite_log_cb (void       *data,
                  int         code,
                  const char *message)
{
  if (code == SQLITE_NOTICE_RECOVER_WAL || code == SQLITE_NOTICE_RECOVER_ROLLBACK)
    g_private_set (&recovered_key, GINT_TO_POINTER (TRUE));
}

static void
configure_sqlite_once (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      /* Only possible before SQLite starts; if something else started it first, opening works
       * the same but an unclean shutdown is not noticed. */
      if (sqlite3_config (SQLITE_CONFIG_LOG, on_sqlite_log_cb, NULL) != SQLITE_OK)
        g_debug ("SQLite was started before Orderwatch could ask for its log");
      g_once_init_leave (&done, 1);
    }
}

static char *
query_text (OwStore     *self,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ow_store_set_sql_error (self, _("Could not read the database"), error);
      return NULL;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ow_store_set_sql_error (self, _("Could not read the database"), error);
  else
    text = g_strdup (rc == SQLITE_ROW && sqlite3_column_text (stmt, 0)
                     ? (const char *) sqlite3_column_text (stmt, 0) : "");
  sqlite3_finalize (stmt);
  return text;
}

/* PRAGMA quick_check: every page and index entry is read, but indexes are not matched
 * against their tables; seconds at most, even for a large file. */
static gboolean
check_integrity (OwStore     *self,
                 const char  *why,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *result = query_text (self, "PRAGMA quick_check (3)", &local_error);

  if (result != NULL && g_str_equal (result, "ok"))
    return TRUE;

  g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_CORRUPT,
               /* Translators: a file, why it was checked, then SQLite's own words */
               _("The database %s is damaged (checked %s: %s). Orderwatch has not changed it; "
                 "restore a copy, such as a .bak file beside it, or open another file with "
                 "--db"),
               self->path, why, result ? result : local_error->message);
  return FALSE;
}

/* A consistent copy through the backup API, so a failed upgrade loses nothing. A copy that
 * could not be finished is removed: half a backup is worse than none. */
static gboolean
backup_database (OwStore     *self,
                 const char  *backup_path,
                 GError     **error)
{
  g_autofree char *journal = g_strconcat (backup_path, "-journal", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (g_unlink (backup_path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_MIGRATION,
                   _("Could not replace the old backup %s: %s"), backup_path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_OK)
            rc = sqlite3_errcode (dest);
        }
    }

  if (rc != SQLITE_OK)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_MIGRATION,
                   _("Could not copy the database to %s before upgrading it (%s); free some "
                     "space and try again. Nothing was changed"),
                   backup_path, sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (backup_path);
      g_unlink (journal);
      return FALSE;
    }

  sqlite3_close (dest);
  return TRUE;
}

static char *
migration_sql (int      version,
               GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data;

  bytes = g_resource_lookup_data (ow_core_get_resource (), migrations[version - 1],
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_MIGRATION,
                   _("Could not find the schema for version %d: %s"), version,
                   local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

/* Every step up to @latest in one transaction: a file is upgraded whole or stays as it was,
 * never left halfway at a version between. */
static gboolean
run_migrations (OwStore     *self,
                int          latest,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", latest);
  int current = 0;
  int version = self->schema_version + 1;

  if (!exec_sql (self, "BEGIN IMMEDIATE", _("Could not start the upgrade"), error))
    return FALSE;

  /* Another process may have upgraded the file while this one waited for the lock. */
  if (!query_int (self, "PRAGMA user_version", &current, &local_error))
    goto fail;
  for (version = current + 1; version <= latest; version++)
    {
      g_autofree char *sql = migration_sql (version, &local_error);

      if (sql == NULL || !exec_sql (self, sql, _("Could not upgrade the database"), &local_error))
        goto fail;
    }
  version = latest;
  if ((current < latest &&
       !exec_sql (self, set_version, _("Could not upgrade the database"), &local_error)) ||
      !exec_sql (self, "COMMIT", _("Could not upgrade the database"), &local_error))
    goto fail;

  self->schema_version = MAX (current, latest);
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_MIGRATION,
               _("Could not upgrade the database to version %d: %s"), version,
               local_error->message);
  return FALSE;
}

static gboolean
migrate (OwStore  *self,
         GError  **error)
{
  const int latest = G_N_ELEMENTS (migrations);

  if (self->schema_version >= latest)
    return TRUE;

  /* An Orderwatch file from before: check it and keep a copy of it as it was. */
  if (self->schema_version > 0 && g_strcmp0 (self->path, ":memory:") != 0)
    {
      g_autofree char *backup_path =
        g_strdup_printf ("%s.before-v%d.bak", self->path, self->schema_version + 1);

      if (!check_integrity (self, _("before upgrading it"), error) ||
          !backup_database (self, backup_path, error))
        return FALSE;
    }

  return run_migrations (self, latest, error);
}

/* Reads the version and whether the file holds anything, in one snapshot (another process
 * may be creating our tables meanwhile). Returns the names of up to three tables. */
static gboolean
read_file_state (OwStore  *self,
                 int      *n_objects,
                 char    **tables,
                 GError  **error)
{
  gboolean ok;

  if (!exec_sql (self, "BEGIN", _("Could not read the database"), error))
    return FALSE;
  ok = query_int (self, "PRAGMA user_version", &self->schema_version, error) &&
       query_int (self, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' "
                        "ESCAPE '\\'", n_objects, error) &&
       (*tables = query_text (self, "SELECT group_concat (name, ', ') FROM (SELECT name FROM "
                                    "sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                    "'sqlite\\_%' ESCAPE '\\' ORDER BY name LIMIT 3)",
                              error)) != NULL;
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

static gboolean
set_wal (OwStore  *self,
         GError  **error)
{
  return exec_sql (self, "PRAGMA journal_mode = WAL", _("Could not configure the database"),
                   error);
}

static gboolean
open_database (OwStore  *self,
               GError  **error)
{
  const int latest = G_N_ELEMENTS (migrations);
  g_autofree char *tables = NULL;
  gboolean recovered, wal_first;
  int n_objects = 0;
  int rc;

  configure_sqlite_once ();

  /* NOMUTEX: an OwStore is used from one thread at a time, so SQLite's own per-call
   * locking only costs time (a fifth of a 100,000-order load). */
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED,
                   _("Could not open the database %s: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Read before anything writes to the file. The first read replays what an unclean
   * shutdown left. */
  g_private_set (&recovered_key, GINT_TO_POINTER (FALSE));
  if (!read_file_state (self, &n_objects, &tables, error))
    {
      g_prefix_error (error, _("%s is not an Orderwatch database: "), self->path);
      return FALSE;
    }
  recovered = GPOINTER_TO_INT (g_private_get (&recovered_key));

  if (self->schema_version > latest)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_TOO_NEW,
                   _("The database %s was written by a newer version of Orderwatch "
                     "(schema %d; this version knows up to %d). Update Orderwatch to open it."),
                   self->path, self->schema_version, latest);
      return FALSE;
    }

  /* Version 0 with tables in it: another program's file. Adding ours would mix the two. */
  if (self->schema_version == 0 && n_objects > 0)
    {
      g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FOREIGN,
                   _("%s is not an Orderwatch database: it holds other tables (%s). Orderwatch "
                     "has not changed it; choose another file with --db"),
                   self->path, *tables ? tables : _("views or indexes"));
      return FALSE;
    }

  if (recovered && !check_integrity (self, _("after an unclean shutdown"), error))
    return FALSE;

  if (!exec_sql (self,
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;",
                 _("Could not configure the database"), error))
    return FALSE;

  /* A new file is WAL from the start, so that the stores other threads open meanwhile never
   * wait for the first one's lock. A file that holds data switches only once it is ours at
   * the latest version: a failed upgrade leaves its journal mode as it was. */
  wal_first = self->schema_version == 0;
  if (wal_first && !set_wal (self, error))
    return FALSE;
  if (!migrate (self, error))
    return FALSE;
  return wal_first || set_wal (self, error);
}

OwStore *
ow_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(OwStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* SQLite opens "" as a temporary database, deleted on close: the orders would vanish. */
  if (*path == '\0')
    {
      g_set_error_literal (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED,
                           _("The path of the orders database is empty; give the path of a "
                             "file"));
      return NULL;
    }

  if (g_strcmp0 (path, ":memory:") != 0)
    {
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, OW_STORE_ERROR, OW_STORE_ERROR_FAILED,
                       _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  self = g_object_new (OW_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
ow_store_get_path (OwStore *self)
{
  g_return_val_if_fail (OW_IS_STORE (self), NULL);
  return self->path;
}

int
ow_store_get_schema_version (OwStore *self)
{
  g_return_val_if_fail (OW_IS_STORE (self), 0);
  return self->schema_version;
}
