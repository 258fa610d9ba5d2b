/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier's last section: every evidence item with its thumbnail, SHA-256, size, kind and
 * note, and where it is in the evidence folder. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ow-dispute-terms.h"
#include "ow-dossier-files-private.h"
#include "ow-dossier-private.h"
#include "ow-evidence.h"

#define THUMB_PT       ((double) OW_DOSSIER_THUMB_PT)
#define TEXT_GAP       12.0
#define FRAME          0xc0bfbc
#define PLACEHOLDER_BG 0xe8e7eb
#define RULE           0xdeddda

static const char *
evidence_kind_label (OwEvidenceKind kind)
{
  switch (kind)
    {
    case OW_EVIDENCE_PHOTO: return _("Photo");
    case OW_EVIDENCE_VIDEO: return _("Video");
    case OW_EVIDENCE_SCREENSHOT: return _("Screenshot");
    case OW_EVIDENCE_DOCUMENT: return _("Document");
    case OW_EVIDENCE_MESSAGE: return _("Message");
    case OW_N_EVIDENCE_KINDS:
    default: g_return_val_if_reached (NULL);
    }
}

static void
draw_thumbnail (OwDossierPage   *page,
                cairo_surface_t *image,
                double           x,
                double           y)
{
  cairo_t *cr = ow_dossier_page_get_cairo (page);
  double w = cairo_image_surface_get_width (image);
  double h = cairo_image_surface_get_height (image);
  double scale = MIN (THUMB_PT / w, THUMB_PT / h);
  double dx = x + (THUMB_PT - w * scale) / 2;
  double dy = y + (THUMB_PT - h * scale) / 2;

  cairo_save (cr);
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);

  ow_dossier_page_set_color (page, FRAME);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, dx, dy, w * scale, h * scale);
  cairo_stroke (cr);
}

/* Not a picture: a tile with what it is ("MP4", "PDF"). */
static void
draw_placeholder (OwDossierPage *page,
                  OwEvidence    *evidence,
                  double         x,
                  double         y)
{
  const char *name = ow_evidence_get_original_name (evidence);
  const char *dot = name != NULL ? strrchr (name, '.') : NULL;
  g_autofree char *label = dot != NULL && strlen (dot) > 1 && strlen (dot) <= 6
                           ? g_utf8_strup (dot + 1, -1)
                           : g_strdup (evidence_kind_label (ow_evidence_get_kind (evidence)));
  g_autoptr(PangoLayout) layout = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_SUBHEADING,
                                                          label, -1);

  ow_dossier_page_fill (page, PLACEHOLDER_BG, x, y, THUMB_PT, THUMB_PT);
  ow_dossier_page_show (page, layout, OW_DOSSIER_STYLE_SMALL_BOLD,
                        x + (THUMB_PT - ow_dossier_layout_width (layout)) / 2,
                        y + (THUMB_PT - ow_dossier_layout_height (layout)) / 2);
}

static void
write_evidence_item (OwDossier     *d,
                     OwDossierPage *page,
                     OwDossierFile *file,
                     guint          index)
{
  OwEvidence *evidence = file->evidence;
  double left = ow_dossier_page_get_left (page);
  double x = left + THUMB_PT + TEXT_GAP;
  double width = ow_dossier_page_get_width (page) - THUMB_PT - TEXT_GAP;
  g_autofree char *name = g_strdup_printf ("%u.  %s", index + 1,
                                           ow_evidence_get_original_name (evidence));
  g_autofree char *size = g_format_size_full (ow_evidence_get_size (evidence),
                                              G_FORMAT_SIZE_LONG_FORMAT);
  g_autofree char *added = ow_dossier_format_time (ow_evidence_get_added_at (evidence));
  g_autofree char *about = NULL;
  g_autofree char *where = NULL;
  g_autofree char *hash_label = g_strdup_printf ("%s ", _("SHA-256"));
  PangoLayout *lines[6] = { NULL };
  OwDossierStyle line_styles[6];
  guint n = 0;
  double height = 0, y;

  /* Translators: an evidence item: its kind, media type, size and when it was added */
  about = g_strdup_printf (_("%s · %s · %s · added %s"),
                           evidence_kind_label (ow_evidence_get_kind (evidence)),
                           ow_evidence_get_media_type (evidence), size, added);
  switch (file->state)
    {
    case OW_DOSSIER_FILE_OK:
      if (file->copied_name != NULL)
        /* Translators: the file's name in the folder handed over with the dossier */
        where = g_strdup_printf (_("In the evidence folder as “%s”"), file->copied_name);
      break;
    case OW_DOSSIER_FILE_MISSING:
      where = g_strdup (_("The stored copy of this file is missing: it is not in the evidence "
                          "folder."));
      break;
    case OW_DOSSIER_FILE_CHANGED:
      where = g_strdup (_("The stored copy of this file no longer matches its SHA-256: it is not "
                          "in the evidence folder."));
      break;
    default:
      g_assert_not_reached ();
    }

  line_styles[n] = OW_DOSSIER_STYLE_BOLD;
  lines[n++] = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_BOLD, name, width);
  line_styles[n] = OW_DOSSIER_STYLE_SMALL;
  lines[n++] = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_SMALL, about, width);
  if (ow_evidence_get_note (evidence) != NULL && *ow_evidence_get_note (evidence) != '\0')
    {
      line_styles[n] = OW_DOSSIER_STYLE_BODY;
      lines[n++] = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_BODY,
                                           ow_evidence_get_note (evidence), width);
    }
  line_styles[n] = OW_DOSSIER_STYLE_SMALL;
  lines[n++] = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_SMALL, hash_label, width);
  if (where != NULL)
    {
      line_styles[n] = file->state == OW_DOSSIER_FILE_OK ? OW_DOSSIER_STYLE_SMALL
                                                         : OW_DOSSIER_STYLE_WARNING;
      lines[n] = ow_dossier_page_layout (page, line_styles[n], where, width);
      n++;
    }

  for (guint i = 0; i < n; i++)
    height += ow_dossier_layout_height (lines[i]) + 1.5;
  height = MAX (height, THUMB_PT);
  ow_dossier_page_need (page, height + 12);
  y = ow_dossier_page_get_y (page);

  if (file->thumbnail != NULL)
    draw_thumbnail (page, file->thumbnail, left, y);
  else
    draw_placeholder (page, evidence, left, y);

  for (guint i = 0; i < n; i++)
    {
      ow_dossier_page_show (page, lines[i], line_styles[i], x, y);
      /* The hash goes after its label, in a face where every digit is told apart. */
      if (g_str_equal (pango_layout_get_text (lines[i]), hash_label))
        {
          g_autoptr(PangoLayout) hash = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_MONO,
                                                                ow_evidence_get_sha256 (evidence),
                                                                -1);

          ow_dossier_page_show (page, hash, OW_DOSSIER_STYLE_MONO,
                                x + ow_dossier_layout_width (lines[i]), y + 0.3);
        }
      y += ow_dossier_layout_height (lines[i]) + 1.5;
      g_object_unref (lines[i]);
    }

  ow_dossier_page_advance (page, height + 6);
  ow_dossier_page_fill (page, RULE, left, ow_dossier_page_get_y (page),
                        ow_dossier_page_get_width (page), 0.4);
  ow_dossier_page_advance (page, 6);
}

void
ow_dossier_write_evidence (OwDossier     *d,
                           OwDossierPage *page)
{
  gboolean copied = FALSE;

  ow_dossier_page_heading (page, _("Evidence"), TRUE);
  if (d->files->len == 0)
    {
      ow_dossier_page_text (page, OW_DOSSIER_STYLE_BODY, 0,
                            _("No evidence was added to this order."));
      return;
    }

  for (guint i = 0; i < d->files->len; i++)
    copied |= ((OwDossierFile *) g_ptr_array_index (d->files, i))->copied_name != NULL;
  ow_dossier_page_text (page, OW_DOSSIER_STYLE_SMALL, 0,
                        _("Each file’s SHA-256 identifies it exactly: “sha256sum FILE” prints "
                          "the same value for the file and for no other."));
  if (copied)
    ow_dossier_page_text (page, OW_DOSSIER_STYLE_SMALL, 0,
                          _("The files are in the evidence folder handed over with this "
                            "dossier; “sha256sum -c SHA256SUMS” in that folder checks them "
                            "all."));
  ow_dossier_page_advance (page, 8);

  for (guint i = 0; i < d->files->len; i++)
    write_evidence_item (d, page, g_ptr_array_index (d->files, i), i);
}
