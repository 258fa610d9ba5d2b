/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier's evidence files: each stored copy checked against its SHA-256, copied into a
 * folder under its original name with a SHA256SUMS file, and small thumbnails of the photos. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ow-types.h"

G_BEGIN_DECLS

typedef enum
{
  OW_DOSSIER_FILE_OK,
  OW_DOSSIER_FILE_MISSING,     /* the locker has no copy */
  OW_DOSSIER_FILE_CHANGED,     /* the copy no longer has the recorded SHA-256 */
} OwDossierFileState;

typedef struct
{
  OwEvidence         *evidence;
  char               *stored_path;
  OwDossierFileState  state;
  char               *copied_name;  /* its name in the evidence folder, or NULL */
  cairo_surface_t    *thumbnail;    /* photos and screenshots in JPEG or PNG, or NULL */
} OwDossierFile;

/* (element-type OwDossierFile): one per item of @evidence (element-type OwEvidence), each
 * looked for in @store's evidence locker. */
GPtrArray       *ow_dossier_files_new          (OwStore           *store,
                                                GPtrArray         *evidence);
/* Reads every stored copy and sets its state. With @evidence_dir (created when missing), copies
 * each intact one there under its original name (made unique and safe for any file system)
 * and writes SHA256SUMS; each file is written beside its final name and renamed into place.
 * @reserved_name (nullable) is a name in that folder not to use (the dossier itself). */
gboolean         ow_dossier_files_check        (GPtrArray         *files,
                                                const char        *evidence_dir,
                                                const char        *reserved_name,
                                                GError           **error);
/* Thumbnails for the intact images, at most @max_pixels on the longer side, kept small in the
 * PDF (JPEG data attached). */
void             ow_dossier_files_load_thumbnails (GPtrArray      *files,
                                                int                max_pixels);

/* A file name safe in any folder: no separators or control characters, not "." or "..",
 * not empty (then @fallback). */
char            *ow_dossier_safe_file_name     (const char        *name,
                                                const char        *fallback);
/* Opens a temporary file beside @path for writing; ow_dossier_output_finish () renames it onto
 * @path, or removes it when @success is FALSE. */
GOutputStream   *ow_dossier_output_open        (const char        *path,
                                                char             **tmp_path,
                                                GError           **error);
gboolean         ow_dossier_output_finish      (GOutputStream     *stream,
                                                const char        *tmp_path,
                                                const char        *path,
                                                gboolean           success,
                                                GError           **error);

G_END_DECLS
