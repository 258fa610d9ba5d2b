/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <inttypes.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ow-error.h"
#include "ow-evidence-locker.h"
#include "ow-evidence.h"
#include "ow-store-disputes.h"
#include "ow-store.h"

char *
ow_evidence_locker_get_dir (OwStore *store)
{
  const char *db = ow_store_get_path (store);
  g_autofree char *dir = NULL;

  /* A database in memory (tests) keeps its files where the app's own would be. */
  if (db == NULL || g_str_equal (db, ":memory:"))
    return g_build_filename (g_get_user_data_dir (), "orderwatch", "evidence", NULL);
  dir = g_path_get_dirname (db);
  return g_build_filename (dir, "evidence", NULL);
}

char *
ow_evidence_locker_get_path (OwStore    *store,
                             OwEvidence *evidence)
{
  g_autofree char *dir = ow_evidence_locker_get_dir (store);
  g_autofree char *name = ow_evidence_get_stored_name (evidence);

  return g_build_filename (dir, name, NULL);
}

static OwEvidenceKind
guess (const char *name,
       const char *media_type)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  if (g_str_has_prefix (media_type, "image/"))
    return strstr (lower, "screenshot") || strstr (lower, "screen shot") ||
           strstr (lower, "снимок")
           ? OW_EVIDENCE_SCREENSHOT : OW_EVIDENCE_PHOTO;
  if (g_str_has_prefix (media_type, "video/"))
    return OW_EVIDENCE_VIDEO;
  if (g_str_equal (media_type, "message/rfc822"))
    return OW_EVIDENCE_MESSAGE;
  return OW_EVIDENCE_DOCUMENT;
}

static gboolean
input_error (GError     **error,
             const char  *path,
             const char  *rule)
{
  /* Translators: a file name, then what is wrong with it */
  g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID, _("Evidence file “%s”: %s"),
               path, rule);
  return FALSE;
}

/* Copies @source into @dir as a temporary file, hashing what it copies. */
static char *
copy_hashing (GFile       *source,
              const char  *dir,
              char       **sha256,
              gint64      *size,
              GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFile) temporary = NULL;
  g_autofree char *tmpl = g_build_filename (dir, ".adding-XXXXXX", NULL);
  GOutputStream *out;
  guint8 buffer[65536];
  gssize n;
  int fd;

  *size = 0;
  if ((in = g_file_read (source, NULL, error)) == NULL)
    return NULL;
  if ((fd = g_mkstemp (tmpl)) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not write into the evidence folder %s: %s"), dir,
                   g_strerror (errno));
      return NULL;
    }
  close (fd);
  temporary = g_file_new_for_path (tmpl);
  if ((io = g_file_open_readwrite (temporary, NULL, error)) == NULL)
    goto fail;
  out = g_io_stream_get_output_stream (G_IO_STREAM (io));

  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, NULL, error)) > 0)
    {
      *size += n;
      if (*size > OW_EVIDENCE_MAX_BYTES)
        {
          g_autofree char *limit = g_format_size (OW_EVIDENCE_MAX_BYTES);

          g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE,
                       _("Evidence file: larger than %s; no marketplace takes that"), limit);
          goto fail;
        }
      g_checksum_update (checksum, buffer, n);
      if (!g_output_stream_write_all (out, buffer, n, NULL, NULL, error))
        goto fail;
    }
  if (n < 0 || !g_io_stream_close (G_IO_STREAM (io), NULL, error))
    goto fail;

  *sha256 = g_strdup (g_checksum_get_string (checksum));
  return g_steal_pointer (&tmpl);

fail:
  g_unlink (tmpl);
  return NULL;
}

/* The file work of adding @path, which needs no store: checks it, copies it into @dir as a
 * temporary file hashing what it copies, and returns the record to be (not yet stored). */
static OwEvidence *
prepare (const char      *dir,
         gint64           order_id,
         const char      *path,
         gboolean         guess_kind,
         OwEvidenceKind   kind,
         const char      *note,
         char           **temporary,
         GError         **error)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *name = NULL;
  g_autofree char *mime = NULL;
  OwEvidence *evidence;
  const char *media_type;
  gint64 size;

  source = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (source, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                    G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                                    G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                                    G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      input_error (error, path, g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                                ? _("there is no such file") : local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      input_error (error, path, _("not a regular file; add photos, videos or documents"));
      return NULL;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
      !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      input_error (error, path, _("it cannot be read; check its permissions"));
      return NULL;
    }
  name = g_file_get_basename (source);
  media_type = g_file_info_get_content_type (info);
  if (media_type == NULL)
    media_type = "application/octet-stream";
  /* The record keeps the MIME type, not a platform's content type. */
  mime = g_content_type_get_mime_type (media_type);
  if (guess_kind)
    kind = guess (name, mime ? mime : media_type);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not make the evidence folder %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  if ((*temporary = copy_hashing (source, dir, &sha256, &size, &local_error)) == NULL)
    {
      if (local_error->domain == OW_INPUT_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        input_error (error, path, local_error->message);
      return NULL;
    }

  evidence = ow_evidence_new (order_id, kind, name, mime ? mime : media_type, size, sha256);
  ow_evidence_set_note (evidence, note);
  return evidence;
}

/* The store's part, on the store's thread: the record, and the copy under its final name.
 * Consumes @temporary. */
static OwEvidence *
commit (OwStore     *store,
        OwEvidence  *evidence,
        const char  *temporary,
        GError     **error)
{
  const char *sha256 = ow_evidence_get_sha256 (evidence);
  g_autoptr(GPtrArray) existing = NULL;
  g_autofree char *stored = NULL;

  /* Added before: the record it has, and the copy just made goes. */
  existing = ow_store_list_evidence (store, ow_evidence_get_order_id (evidence), error);
  if (existing == NULL)
    {
      g_unlink (temporary);
      return NULL;
    }
  for (guint i = 0; i < existing->len; i++)
    if (g_str_equal (ow_evidence_get_sha256 (g_ptr_array_index (existing, i)), sha256))
      {
        g_unlink (temporary);
        return g_object_ref (g_ptr_array_index (existing, i));
      }

  stored = ow_evidence_locker_get_path (store, evidence);
  if (g_rename (temporary, stored) != 0)
    {
      g_autofree char *dir = g_path_get_dirname (stored);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not store the evidence in %s: %s"), dir, g_strerror (errno));
      g_unlink (temporary);
      return NULL;
    }
  if (!ow_store_add_evidence (store, evidence, error))
    {
      /* The file stays only if another record holds it. */
      if (ow_store_count_evidence_uses (store, sha256, NULL) == 0)
        g_unlink (stored);
      return NULL;
    }
  return g_object_ref (evidence);
}

OwEvidence *
ow_evidence_locker_add (OwStore         *store,
                        gint64           order_id,
                        const char      *path,
                        gboolean         guess_kind,
                        OwEvidenceKind   kind,
                        const char      *note,
                        GError         **error)
{
  g_autoptr(OwEvidence) evidence = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *temporary = NULL;

  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  dir = ow_evidence_locker_get_dir (store);
  evidence = prepare (dir, order_id, path, guess_kind, kind, note, &temporary, error);
  if (evidence == NULL)
    return NULL;
  return commit (store, evidence, temporary, error);
}

/* Adding several files from the window: the copying in a thread, the records after. */

typedef struct
{
  char       *path;
  OwEvidence *evidence;   /* prepared, or NULL with @error */
  char       *temporary;
  GError     *error;
} Prepared;

static void
prepared_clear (gpointer data)
{
  Prepared *prepared = data;

  /* A copy nobody committed (the result was never finished) goes. */
  if (prepared->temporary != NULL)
    g_unlink (prepared->temporary);
  g_free (prepared->temporary);
  g_free (prepared->path);
  g_clear_object (&prepared->evidence);
  g_clear_error (&prepared->error);
}

typedef struct
{
  char   *dir;
  gint64  order_id;
  GArray *files;   /* Prepared */
} AddJob;

static void
add_job_free (AddJob *job)
{
  g_free (job->dir);
  g_array_unref (job->files);
  g_free (job);
}

static void
prepare_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  AddJob *job = data;

  for (guint i = 0; i < job->files->len; i++)
    {
      Prepared *prepared = &g_array_index (job->files, Prepared, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, &prepared->error))
        continue;
      prepared->evidence = prepare (job->dir, job->order_id, prepared->path, TRUE,
                                    OW_EVIDENCE_PHOTO, NULL, &prepared->temporary,
                                    &prepared->error);
    }
  g_task_return_boolean (task, TRUE);
}

void
ow_evidence_locker_add_files_async (OwStore             *store,
                                    gint64               order_id,
                                    const char * const  *paths,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddJob *job;

  g_return_if_fail (OW_IS_STORE (store));
  g_return_if_fail (paths != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ow_evidence_locker_add_files_async);
  job = g_new0 (AddJob, 1);
  job->dir = ow_evidence_locker_get_dir (store);
  job->order_id = order_id;
  job->files = g_array_new (FALSE, TRUE, sizeof (Prepared));
  g_array_set_clear_func (job->files, prepared_clear);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      Prepared prepared = { .path = g_strdup (paths[i]) };

      g_array_append_val (job->files, prepared);
    }
  g_task_set_task_data (task, job, (GDestroyNotify) add_job_free);
  g_task_run_in_thread (task, prepare_in_thread);
}

GPtrArray *
ow_evidence_locker_add_files_finish (OwStore       *store,
                                     GAsyncResult  *result,
                                     char         **problem)
{
  AddJob *job;
  GPtrArray *added;
  GError *first = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ow_evidence_locker_add_files_async, NULL);

  g_task_propagate_boolean (G_TASK (result), NULL);
  job = g_task_get_task_data (G_TASK (result));
  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < job->files->len; i++)
    {
      Prepared *prepared = &g_array_index (job->files, Prepared, i);
      OwEvidence *evidence = NULL;

      if (prepared->evidence != NULL)
        evidence = commit (store, prepared->evidence, prepared->temporary, &prepared->error);
      /* commit () consumed the copy either way. */
      g_clear_pointer (&prepared->temporary, g_free);
      if (evidence != NULL)
        g_ptr_array_add (added, evidence);
      else if (first == NULL && prepared->error != NULL)
        first = g_error_copy (prepared->error);
    }
  if (problem != NULL)
    *problem = first != NULL ? g_strdup (first->message) : NULL;
  g_clear_error (&first);
  return added;
}

gboolean
ow_evidence_locker_remove (OwStore  *store,
                           gint64    order_id,
                           gint64    evidence_id,
                           GError  **error)
{
  g_autoptr(OwEvidence) evidence = NULL;
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (OW_IS_STORE (store), FALSE);

  evidence = ow_store_get_evidence (store, evidence_id, error);
  if (evidence == NULL || ow_evidence_get_order_id (evidence) != order_id)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                     _("EVIDENCE_ID: order %" PRId64 " has no evidence %" PRId64
                       "; “orderwatch dispute evidence list %" PRId64 "” shows it"),
                     order_id, evidence_id, order_id);
      return FALSE;
    }
  if (!ow_store_remove_evidence (store, evidence_id, error))
    return FALSE;
  g_ptr_array_add (hashes, g_strdup (ow_evidence_get_sha256 (evidence)));
  ow_evidence_locker_clean (store, hashes);
  return TRUE;
}

gboolean
ow_evidence_locker_set_note (OwStore     *store,
                             gint64       order_id,
                             gint64       evidence_id,
                             const char  *note,
                             GError     **error)
{
  g_autoptr(OwEvidence) evidence = NULL;

  g_return_val_if_fail (OW_IS_STORE (store), FALSE);

  if (note != NULL && g_utf8_strlen (note, -1) > OW_EVIDENCE_NOTE_MAX)
    {
      g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_OUT_OF_RANGE,
                   _("Note: use at most %d characters"), OW_EVIDENCE_NOTE_MAX);
      return FALSE;
    }
  evidence = ow_store_get_evidence (store, evidence_id, error);
  if (evidence == NULL || ow_evidence_get_order_id (evidence) != order_id)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, OW_INPUT_ERROR, OW_INPUT_ERROR_INVALID,
                     _("EVIDENCE_ID: order %" PRId64 " has no evidence %" PRId64
                       "; “orderwatch dispute evidence list %" PRId64 "” shows it"),
                     order_id, evidence_id, order_id);
      return FALSE;
    }
  return ow_store_set_evidence_note (store, evidence_id, note, error);
}

void
ow_evidence_locker_clean (OwStore   *store,
                          GPtrArray *hashes)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_return_if_fail (OW_IS_STORE (store));

  dir = ow_evidence_locker_get_dir (store);
  if (hashes == NULL || hashes->len == 0 || (listing = g_dir_open (dir, 0, NULL)) == NULL)
    return;
  /* Stored names start with the hash; the extension is the original's. */
  while ((name = g_dir_read_name (listing)) != NULL)
    for (guint i = 0; i < hashes->len; i++)
      {
        const char *sha256 = g_ptr_array_index (hashes, i);
        gsize length = strlen (sha256);

        if (strncmp (name, sha256, length) == 0 && (name[length] == '\0' || name[length] == '.') &&
            ow_store_count_evidence_uses (store, sha256, NULL) == 0)
          {
            g_autofree char *path = g_build_filename (dir, name, NULL);

            g_unlink (path);
          }
      }
}
