/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ow-dossier-files-private.h"
#include "ow-evidence.h"
#include "ow-evidence-locker.h"

#define CHUNK          (64 * 1024)
#define MAX_NAME_BYTES 180
#define SUMS_NAME      "SHA256SUMS"

static void
file_free (gpointer data)
{
  OwDossierFile *file = data;

  g_clear_object (&file->evidence);
  g_free (file->stored_path);
  g_free (file->copied_name);
  g_clear_pointer (&file->thumbnail, cairo_surface_destroy);
  g_free (file);
}

GPtrArray *
ow_dossier_files_new (OwStore   *store,
                      GPtrArray *evidence)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (file_free);

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      OwDossierFile *file = g_new0 (OwDossierFile, 1);

      file->evidence = g_object_ref (g_ptr_array_index (evidence, i));
      file->stored_path = ow_evidence_locker_get_path (store, file->evidence);
      file->state = OW_DOSSIER_FILE_MISSING;
      g_ptr_array_add (files, file);
    }
  return files;
}

char *
ow_dossier_safe_file_name (const char *name,
                           const char *fallback)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  GString *out = g_string_new (NULL);
  const char *end;

  /* Separators, control characters and what FAT and NTFS refuse, for a USB stick. */
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  /* Windows drops trailing dots and spaces; leading dots hide a file. */
  while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);
  while (out->len > 0 && (out->str[0] == '.' || out->str[0] == ' '))
    g_string_erase (out, 0, 1);

  if (out->len > MAX_NAME_BYTES)
    {
      const char *dot = strrchr (out->str, '.');
      g_autofree char *ext = dot != NULL && strlen (dot) <= 16 ? g_strdup (dot) : g_strdup ("");

      g_utf8_validate (out->str, MAX_NAME_BYTES - strlen (ext), &end);
      g_string_truncate (out, end - out->str);
      g_string_append (out, ext);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return g_strdup (fallback);
    }
  return g_string_free (out, FALSE);
}

/* Two names that differ only in case or normalization are one file on many disks. */
static char *
name_key (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : name, -1);
}

/* Whether @path holds something other than @evidence: a file of the user's, never replaced. A
 * copy from an earlier export of the same item is ours to write again. */
static gboolean
holds_other (const char *path,
             OwEvidence *evidence)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree guint8 *buffer = NULL;
  gssize n;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (info == NULL)
    return FALSE;   /* nothing there */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) != ow_evidence_get_size (evidence) ||
      (in = g_file_read (file, NULL, NULL)) == NULL)
    return TRUE;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  buffer = g_malloc (CHUNK);
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, CHUNK, NULL, NULL)) > 0)
    g_checksum_update (checksum, buffer, n);
  return n < 0 || g_ascii_strcasecmp (g_checksum_get_string (checksum),
                                      ow_evidence_get_sha256 (evidence)) != 0;
}

/* "photo.jpg", else "photo (2).jpg", "photo (3).jpg", ...: not used by another item of this
 * export (@taken, by name_key) nor by another file in @dir. */
static char *
unique_name (GHashTable *taken,
             const char *dir,
             const char *name,
             OwEvidence *evidence)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *base = dot != NULL && dot != name ? g_strndup (name, dot - name)
                                                      : g_strdup (name);
  const char *ext = dot != NULL && dot != name ? dot : "";
  char *candidate = g_strdup (name);
  char *key = name_key (candidate);

  for (guint n = 2;; n++)
    {
      g_autofree char *path = NULL;

      if (!g_hash_table_contains (taken, key))
        {
          path = g_build_filename (dir, candidate, NULL);
          if (!holds_other (path, evidence))
            break;
        }
      g_free (candidate);
      g_free (key);
      candidate = g_strdup_printf ("%s (%u)%s", base, n, ext);
      key = name_key (candidate);
    }
  g_hash_table_add (taken, key);
  return candidate;
}

GOutputStream *
ow_dossier_output_open (const char  *path,
                        char       **tmp_path,
                        GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp = g_build_filename (dir, template, NULL);
  int fd;

  /* 0666 less the umask, like any file the user saves: a dossier is for handing over. */
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %s is a file name, the second %s why it failed */
                   _("Could not write “%s”: %s. Choose a folder you can write to."),
                   display, g_strerror (saved));
      return NULL;
    }
  *tmp_path = g_steal_pointer (&tmp);
  return g_unix_output_stream_new (fd, TRUE);
}

gboolean
ow_dossier_output_finish (GOutputStream *stream,
                          const char    *tmp_path,
                          const char    *path,
                          gboolean       success,
                          GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *display = g_filename_display_name (path);

  if (!g_output_stream_close (stream, NULL, success ? &local : NULL) && success)
    {
      g_set_error (error, local->domain, local->code,
                   _("Could not write “%s”: %s. Check the space left on the disk."), display,
                   local->message);
      success = FALSE;
    }
  else if (success && g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s. Choose a folder you can write to."), display,
                   g_strerror (saved));
      success = FALSE;
    }
  if (!success)
    g_unlink (tmp_path);
  return success;
}

/* Reads @file's stored copy once: its SHA-256 against the record, and (with @dest_path) a copy
 * that lands under that name only when it matches. */
static gboolean
check_file (OwDossierFile *file,
            const char    *dest_path,
            GError       **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (file->stored_path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) local = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree guint8 *buffer = g_malloc (CHUNK);
  gboolean matches;

  in = g_file_read (source, NULL, &local);
  if (in == NULL)
    {
      /* Not an error of the dossier: the dossier says the copy is gone. */
      file->state = OW_DOSSIER_FILE_MISSING;
      return TRUE;
    }
  if (dest_path != NULL && (out = ow_dossier_output_open (dest_path, &tmp_path, error)) == NULL)
    return FALSE;

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buffer, CHUNK, NULL, &local);

      if (n < 0)
        {
          g_autofree char *display = g_filename_display_name (file->stored_path);

          g_set_error (error, local->domain, local->code,
                       /* Translators: %s is a file in the evidence locker */
                       _("Could not read the evidence file “%s”: %s"), display, local->message);
          if (out != NULL)
            ow_dossier_output_finish (out, tmp_path, dest_path, FALSE, NULL);
          return FALSE;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
      if (out != NULL && !g_output_stream_write_all (out, buffer, n, NULL, NULL, &local))
        {
          g_autofree char *display = g_filename_display_name (dest_path);

          g_set_error (error, local->domain, local->code,
                       _("Could not write “%s”: %s. Check the space left on the disk."),
                       display, local->message);
          ow_dossier_output_finish (out, tmp_path, dest_path, FALSE, NULL);
          return FALSE;
        }
    }

  matches = g_ascii_strcasecmp (g_checksum_get_string (checksum),
                                ow_evidence_get_sha256 (file->evidence)) == 0;
  file->state = matches ? OW_DOSSIER_FILE_OK : OW_DOSSIER_FILE_CHANGED;
  /* A copy that does not match is not put in the folder; the dossier says why. */
  if (out != NULL && !matches)
    ow_dossier_output_finish (out, tmp_path, dest_path, FALSE, NULL);
  else if (out != NULL)
    return ow_dossier_output_finish (out, tmp_path, dest_path, TRUE, error);
  return TRUE;
}

static char *
fallback_name (OwEvidence *evidence)
{
  const char *original = ow_evidence_get_original_name (evidence);
  const char *dot = original != NULL ? strrchr (original, '.') : NULL;
  g_autofree char *ext = dot != NULL ? ow_dossier_safe_file_name (dot + 1, "") : g_strdup ("");

  return g_strdup_printf ("evidence-%" G_GINT64_FORMAT "%s%s", ow_evidence_get_id (evidence),
                          *ext != '\0' ? "." : "", ext);
}

gboolean
ow_dossier_files_check (GPtrArray  *files,
                        const char *evidence_dir,
                        const char *reserved_name,
                        GError    **error)
{
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GString) sums = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *sums_path = NULL;
  g_autofree char *tmp_path = NULL;

  if (evidence_dir == NULL)
    {
      for (guint i = 0; i < files->len; i++)
        if (!check_file (g_ptr_array_index (files, i), NULL, error))
          return FALSE;
      return TRUE;
    }

  if (g_mkdir_with_parents (evidence_dir, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (evidence_dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %s is a folder, the second %s why it failed */
                   _("Could not create the folder “%s”: %s. Choose a folder you can write to."),
                   display, g_strerror (saved));
      return FALSE;
    }

  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (taken, name_key (SUMS_NAME));
  if (reserved_name != NULL)
    g_hash_table_add (taken, name_key (reserved_name));
  sums = g_string_new (NULL);

  for (guint i = 0; i < files->len; i++)
    {
      OwDossierFile *file = g_ptr_array_index (files, i);
      g_autofree char *fallback = fallback_name (file->evidence);
      g_autofree char *safe = ow_dossier_safe_file_name (
        ow_evidence_get_original_name (file->evidence), fallback);
      g_autofree char *name = unique_name (taken, evidence_dir, safe, file->evidence);
      g_autofree char *dest = g_build_filename (evidence_dir, name, NULL);

      if (!check_file (file, dest, error))
        return FALSE;
      if (file->state != OW_DOSSIER_FILE_OK)
        continue;
      /* Two spaces: the text-mode line sha256sum -c reads. Names hold no newline or
       * backslash, so nothing needs escaping. */
      g_string_append_printf (sums, "%s  %s\n", ow_evidence_get_sha256 (file->evidence), name);
      file->copied_name = g_steal_pointer (&name);
    }

  sums_path = g_build_filename (evidence_dir, SUMS_NAME, NULL);
  out = ow_dossier_output_open (sums_path, &tmp_path, error);
  if (out == NULL)
    return FALSE;
  if (!g_output_stream_write_all (out, sums->str, sums->len, NULL, NULL, &local))
    {
      g_autofree char *display = g_filename_display_name (sums_path);

      g_set_error (error, local->domain, local->code,
                   _("Could not write “%s”: %s. Check the space left on the disk."), display,
                   local->message);
      ow_dossier_output_finish (out, tmp_path, sums_path, FALSE, NULL);
      return FALSE;
    }
  return ow_dossier_output_finish (out, tmp_path, sums_path, TRUE, error);
}

/* "jpeg" or "png" by the file's first bytes, or NULL. Neither the media type recorded nor
 * gdk-pixbuf's own guess (which needs the system's MIME database) is relied on. */
static const char *
image_type (const guint8 *head,
            gsize         length)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff };

  if (length >= sizeof png && memcmp (head, png, sizeof png) == 0)
    return "png";
  if (length >= sizeof jpeg && memcmp (head, jpeg, sizeof jpeg) == 0)
    return "jpeg";
  return NULL;
}

static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     gpointer         data)
{
  int max_pixels = GPOINTER_TO_INT (data);
  double scale = MIN (1.0, (double) max_pixels / MAX (width, height));

  /* Decoded small from the start: a JPEG decoder then skips most of the work. */
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)),
                              MAX (1, (int) (height * scale + 0.5)));
}

static GdkPixbuf *
decode_scaled (const char *path,
               int         max_pixels)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autofree guint8 *buffer = g_malloc (CHUNK);
  const char *type;
  gssize n;
  gboolean ok = TRUE;

  if (in == NULL)
    return NULL;
  n = g_input_stream_read (G_INPUT_STREAM (in), buffer, CHUNK, NULL, NULL);
  if (n <= 0 || (type = image_type (buffer, n)) == NULL)
    return NULL;
  loader = gdk_pixbuf_loader_new_with_type (type, NULL);
  if (loader == NULL)
    return NULL;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb),
                    GINT_TO_POINTER (max_pixels));

  while (ok && n > 0)
    {
      ok = gdk_pixbuf_loader_write (loader, buffer, n, NULL);
      n = ok ? g_input_stream_read (G_INPUT_STREAM (in), buffer, CHUNK, NULL, NULL) : 0;
    }
  /* Closed either way, or the loader complains when it is finalized. */
  if (!gdk_pixbuf_loader_close (loader, NULL) || !ok || n < 0 ||
      gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    return NULL;
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

/* RGB without alpha into cairo's RGB24. */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  guint8 *dest = cairo_image_surface_get_data (surface);
  int dest_stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + y * src_stride;
      guint32 *d = (guint32 *) (gpointer) (dest + y * dest_stride);

      for (int x = 0; x < width; x++, s += channels)
        d[x] = 0xff000000u | ((guint32) s[0] << 16) | ((guint32) s[1] << 8) | s[2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static cairo_surface_t *
load_thumbnail (const char *path,
                int         max_pixels)
{
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autofree char *jpeg = NULL;
  gsize jpeg_size = 0;
  cairo_surface_t *surface;

  loaded = decode_scaled (path, max_pixels);
  if (loaded == NULL)
    return NULL;
  /* As the camera held it. */
  oriented = gdk_pixbuf_apply_embedded_orientation (loaded);
  if (gdk_pixbuf_get_has_alpha (oriented))
    flat = gdk_pixbuf_composite_color_simple (oriented, gdk_pixbuf_get_width (oriented),
                                              gdk_pixbuf_get_height (oriented),
                                              GDK_INTERP_BILINEAR, 255, 64, 0xffffff, 0xffffff);
  else
    flat = g_object_ref (oriented);
  if (flat == NULL)
    return NULL;

  surface = surface_from_pixbuf (flat);
  /* The PDF then embeds a few kilobytes of JPEG instead of the raw pixels. */
  if (gdk_pixbuf_save_to_buffer (flat, &jpeg, &jpeg_size, "jpeg", NULL, "quality", "85", NULL))
    {
      cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, (guchar *) jpeg, jpeg_size,
                                   g_free, jpeg);
      jpeg = NULL;
    }
  return surface;
}

void
ow_dossier_files_load_thumbnails (GPtrArray *files,
                                  int        max_pixels)
{
  for (guint i = 0; i < files->len; i++)
    {
      OwDossierFile *file = g_ptr_array_index (files, i);

      if (file->state == OW_DOSSIER_FILE_OK && file->thumbnail == NULL)
        file->thumbnail = load_thumbnail (file->stored_path, max_pixels);
    }
}
