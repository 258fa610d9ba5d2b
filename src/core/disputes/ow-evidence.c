/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ow-evidence.h"
#include "ow-policy.h"

struct _OwEvidence
{
  GObject         parent_instance;

  gint64          id;
  gint64          order_id;
  OwEvidenceKind  kind;
  char           *original_name;
  char           *media_type;
  gint64          size;
  char           *sha256;
  char           *note;
  gint64          added_at;
};

G_DEFINE_FINAL_TYPE (OwEvidence, ow_evidence, G_TYPE_OBJECT)

static void
ow_evidence_finalize (GObject *object)
{
  OwEvidence *self = OW_EVIDENCE (object);

  g_free (self->original_name);
  g_free (self->media_type);
  g_free (self->sha256);
  g_free (self->note);

  G_OBJECT_CLASS (ow_evidence_parent_class)->finalize (object);
}

static void
ow_evidence_class_init (OwEvidenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ow_evidence_finalize;
}

static void
ow_evidence_init (OwEvidence *self)
{
  self->added_at = OW_TIME_UNSET;
}

OwEvidence *
ow_evidence_new (gint64          order_id,
                 OwEvidenceKind  kind,
                 const char     *original_name,
                 const char     *media_type,
                 gint64          size,
                 const char     *sha256)
{
  OwEvidence *self;

  g_return_val_if_fail (kind < OW_N_EVIDENCE_KINDS, NULL);
  g_return_val_if_fail (original_name != NULL && sha256 != NULL, NULL);

  self = g_object_new (OW_TYPE_EVIDENCE, NULL);
  self->order_id = order_id;
  self->kind = kind;
  self->original_name = g_strdup (original_name);
  self->media_type = g_strdup (media_type ? media_type : "application/octet-stream");
  self->size = size;
  self->sha256 = g_ascii_strdown (sha256, -1);
  return self;
}

gint64
ow_evidence_get_id (OwEvidence *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE (self), 0);
  return self->id;
}

void
ow_evidence_set_id (OwEvidence *self,
                    gint64      id)
{
  g_return_if_fail (OW_IS_EVIDENCE (self));
  self->id = id;
}

gint64
ow_evidence_get_order_id (OwEvidence *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE (self), 0);
  return self->order_id;
}

OwEvidenceKind
ow_evidence_get_kind (OwEvidence *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE (self), OW_EVIDENCE_PHOTO);
  return self->kind;
}

const char *
ow_evidence_get_original_name (OwEvidence *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE (self), NULL);
  return self->original_name;
}

const char *
ow_evidence_get_media_type (OwEvidence *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE (self), NULL);
  return self->media_type;
}

gint64
ow_evidence_get_size (OwEvidence *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE (self), 0);
  return self->size;
}

const char *
ow_evidence_get_sha256 (OwEvidence *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE (self), NULL);
  return self->sha256;
}

const char *
ow_evidence_get_note (OwEvidence *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE (self), NULL);
  return self->note;
}

void
ow_evidence_set_note (OwEvidence *self,
                      const char *note)
{
  g_return_if_fail (OW_IS_EVIDENCE (self));
  g_free (self->note);
  self->note = note && *note ? g_strdup (note) : NULL;
}

gint64
ow_evidence_get_added_at (OwEvidence *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE (self), OW_TIME_UNSET);
  return self->added_at;
}

void
ow_evidence_set_added_at (OwEvidence *self,
                          gint64      added_at)
{
  g_return_if_fail (OW_IS_EVIDENCE (self));
  self->added_at = added_at;
}

/* The original extension, lower case, if it is a plain one; else none. */
static char *
extension_of (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot[1] == '\0' || strlen (dot + 1) > 8)
    return NULL;
  for (const char *p = dot + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return NULL;
  return g_ascii_strdown (dot + 1, -1);
}

char *
ow_evidence_get_stored_name (OwEvidence *self)
{
  g_autofree char *extension = NULL;

  g_return_val_if_fail (OW_IS_EVIDENCE (self), NULL);

  extension = extension_of (self->original_name);
  return extension ? g_strconcat (self->sha256, ".", extension, NULL) : g_strdup (self->sha256);
}

static const char *
kind_plural (OwEvidenceKind kind)
{
  switch (kind)
    {
    case OW_EVIDENCE_PHOTO: return _("photos");
    case OW_EVIDENCE_VIDEO: return _("videos");
    case OW_EVIDENCE_SCREENSHOT: return _("screenshots");
    case OW_EVIDENCE_DOCUMENT: return _("documents");
    case OW_EVIDENCE_MESSAGE: return _("messages");
    case OW_N_EVIDENCE_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
ow_evidence_check_limits (OwEvidence *self,
                          OwPolicy   *policy,
                          guint       index)
{
  const OwEvidenceLimits *limits;
  g_autofree char *extension = NULL;
  gint64 max;

  g_return_val_if_fail (OW_IS_EVIDENCE (self), NULL);
  g_return_val_if_fail (OW_IS_POLICY (policy), NULL);

  limits = ow_dispute_terms_get_limits (ow_policy_get_dispute_terms (policy));
  if (limits->max_files > 0 && index >= limits->max_files)
    /* Translators: a marketplace, then a number of files */
    return g_strdup_printf (ngettext ("%s takes at most %u file per dispute",
                                      "%s takes at most %u files per dispute",
                                      limits->max_files),
                            ow_policy_get_name (policy), limits->max_files);

  max = limits->max_bytes[self->kind];
  if (max > 0 && self->size > max)
    {
      g_autofree char *size = g_format_size (max);

      /* Translators: a marketplace, a kind of file ("photos"), then a size ("2.1 MB") */
      return g_strdup_printf (_("%s takes %s up to %s"), ow_policy_get_name (policy),
                              kind_plural (self->kind), size);
    }

  extension = extension_of (self->original_name);
  if (limits->extensions != NULL &&
      (extension == NULL || !g_strv_contains ((const char * const *) limits->extensions,
                                              extension)))
    {
      g_autofree char *list = g_strjoinv (", ", limits->extensions);

      /* Translators: a marketplace, then a list of file name extensions */
      return g_strdup_printf (_("%s takes only these files: %s"), ow_policy_get_name (policy),
                              list);
    }
  return NULL;
}
