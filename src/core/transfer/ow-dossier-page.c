/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ow-dossier-page-private.h"

#define MARGIN_X      56.0
#define TOP           62.0
#define BOTTOM        (OW_DOSSIER_PAGE_HEIGHT - 64.0)
#define HEADER_Y      30.0
#define FOOTER_Y      (OW_DOSSIER_PAGE_HEIGHT - 44.0)
#define CELL_PAD_X    4.0
#define CELL_PAD_Y    3.5
#define FIELD_LABEL_W 128.0
#define COLUMN_GAP    16.0
#define MAX_CELL_LINES 40

#define INK        0x1e1e1e
#define GREY       0x5e5c64
#define LINE       0xdeddda
#define ACCENT     0x1a5fb4
#define HEADER_BG  0xf0eff2
#define STRIPE_BG  0xf9f9fa
#define RED        0xc01c28

static const struct
{
  const char *font;
  guint32     color;
} styles[OW_DOSSIER_N_STYLES] = {
  [OW_DOSSIER_STYLE_BODY] = { "Sans 9", INK },
  [OW_DOSSIER_STYLE_BOLD] = { "Sans Bold 9", INK },
  [OW_DOSSIER_STYLE_SMALL] = { "Sans 7.5", GREY },
  [OW_DOSSIER_STYLE_SMALL_BOLD] = { "Sans Bold 7.5", GREY },
  [OW_DOSSIER_STYLE_LABEL] = { "Sans 8.5", GREY },
  [OW_DOSSIER_STYLE_MONO] = { "Monospace 7.5", INK },
  [OW_DOSSIER_STYLE_VALUE] = { "Sans Bold 11", INK },
  [OW_DOSSIER_STYLE_SUBHEADING] = { "Sans Bold 10", INK },
  [OW_DOSSIER_STYLE_HEADING] = { "Sans Bold 13", ACCENT },
  [OW_DOSSIER_STYLE_SUBTITLE] = { "Sans 12", GREY },
  [OW_DOSSIER_STYLE_TITLE] = { "Sans Bold 22", INK },
  [OW_DOSSIER_STYLE_WARNING] = { "Sans Bold 8.5", RED },
};

struct _OwDossierPage
{
  cairo_surface_t      *surface;
  cairo_t              *cr;
  PangoContext         *pango;
  PangoFontDescription *fonts[OW_DOSSIER_N_STYLES];
  char                 *running_title;
  char                 *footer;
  guint                 n_pages;     /* 0 while counting */
  guint                 number;      /* the page being drawn, from 1 */
  double                y;
  gboolean              finished;
};

struct _OwDossierTable
{
  OwDossierPage   *page;
  OwDossierColumn *columns;
  guint            n_columns;
  guint            n_rows;
};

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

void
ow_dossier_page_set_color (OwDossierPage *self,
                           guint32        rgb)
{
  set_rgb (self->cr, rgb);
}

PangoLayout *
ow_dossier_page_layout (OwDossierPage  *self,
                        OwDossierStyle  style,
                        const char     *text,
                        double          width)
{
  PangoLayout *layout = pango_layout_new (self->pango);

  g_return_val_if_fail (style < OW_DOSSIER_N_STYLES, layout);

  pango_layout_set_font_description (layout, self->fonts[style]);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

double
ow_dossier_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.height);
}

double
ow_dossier_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.width);
}

void
ow_dossier_page_show (OwDossierPage  *self,
                      PangoLayout    *layout,
                      OwDossierStyle  style,
                      double          x,
                      double          y)
{
  set_rgb (self->cr, styles[style].color);
  cairo_move_to (self->cr, x, y);
  pango_cairo_show_layout (self->cr, layout);
}

static void
show_text (OwDossierPage  *self,
           OwDossierStyle  style,
           const char     *text,
           double          x,
           double          y,
           gboolean        align_right)
{
  g_autoptr(PangoLayout) layout = ow_dossier_page_layout (self, style, text, -1);

  if (align_right)
    x -= ow_dossier_layout_width (layout);
  ow_dossier_page_show (self, layout, style, x, y);
}

void
ow_dossier_page_fill (OwDossierPage *self,
                      guint32        rgb,
                      double         x,
                      double         y,
                      double         width,
                      double         height)
{
  set_rgb (self->cr, rgb);
  cairo_rectangle (self->cr, x, y, width, height);
  cairo_fill (self->cr);
}

void
ow_dossier_page_rule (OwDossierPage *self,
                      guint32        rgb,
                      double         thickness)
{
  ow_dossier_page_fill (self, rgb, MARGIN_X, self->y, ow_dossier_page_get_width (self),
                        thickness);
}

static void
draw_furniture (OwDossierPage *self)
{
  double width = ow_dossier_page_get_width (self);
  g_autofree char *number = NULL;

  /* Every page says whose it is: a sheet can be separated from the rest. */
  if (self->number > 1)
    {
      show_text (self, OW_DOSSIER_STYLE_SMALL, self->running_title, MARGIN_X, HEADER_Y, FALSE);
      ow_dossier_page_fill (self, LINE, MARGIN_X, HEADER_Y + 13, width, 0.6);
    }

  ow_dossier_page_fill (self, LINE, MARGIN_X, FOOTER_Y - 6, width, 0.6);
  show_text (self, OW_DOSSIER_STYLE_SMALL, self->footer, MARGIN_X, FOOTER_Y, FALSE);
  if (self->n_pages > 0)
    /* Translators: the dossier's page footer, e.g. "Page 2 of 5" */
    number = g_strdup_printf (_("Page %u of %u"), self->number, self->n_pages);
  else
    /* Translators: the dossier's page footer while the pages are counted */
    number = g_strdup_printf (_("Page %u"), self->number);
  show_text (self, OW_DOSSIER_STYLE_SMALL, number, MARGIN_X + width, FOOTER_Y, TRUE);
}

OwDossierPage *
ow_dossier_page_new (cairo_surface_t *surface,
                     const char      *running_title,
                     const char      *footer,
                     guint            n_pages)
{
  OwDossierPage *self = g_new0 (OwDossierPage, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  self->surface = cairo_surface_reference (surface);
  self->cr = cairo_create (surface);
  self->running_title = g_strdup (running_title);
  self->footer = g_strdup (footer);
  self->n_pages = n_pages;
  self->number = 1;
  self->y = TOP;

  /* Points, unhinted: paper has no pixels to snap to. */
  self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->pango, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_cairo_update_context (self->cr, self->pango);

  for (guint i = 0; i < OW_DOSSIER_N_STYLES; i++)
    self->fonts[i] = pango_font_description_from_string (styles[i].font);

  draw_furniture (self);
  return self;
}

void
ow_dossier_page_break (OwDossierPage *self)
{
  cairo_show_page (self->cr);
  self->number++;
  self->y = TOP;
  draw_furniture (self);
}

guint
ow_dossier_page_finish (OwDossierPage *self)
{
  if (!self->finished)
    {
      cairo_show_page (self->cr);
      cairo_surface_finish (self->surface);
      self->finished = TRUE;
    }
  return self->number;
}

void
ow_dossier_page_free (OwDossierPage *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < OW_DOSSIER_N_STYLES; i++)
    pango_font_description_free (self->fonts[i]);
  g_object_unref (self->pango);
  cairo_destroy (self->cr);
  cairo_surface_destroy (self->surface);
  g_free (self->running_title);
  g_free (self->footer);
  g_free (self);
}

cairo_t *
ow_dossier_page_get_cairo (OwDossierPage *self)
{
  return self->cr;
}

PangoContext *
ow_dossier_page_get_pango (OwDossierPage *self)
{
  return self->pango;
}

double
ow_dossier_page_get_left (OwDossierPage *self)
{
  return MARGIN_X;
}

double
ow_dossier_page_get_width (OwDossierPage *self)
{
  return OW_DOSSIER_PAGE_WIDTH - 2 * MARGIN_X;
}

double
ow_dossier_page_get_y (OwDossierPage *self)
{
  return self->y;
}

void
ow_dossier_page_advance (OwDossierPage *self,
                         double         height)
{
  self->y += height;
}

double
ow_dossier_page_get_room (OwDossierPage *self)
{
  return BOTTOM - self->y;
}

guint
ow_dossier_page_get_number (OwDossierPage *self)
{
  return self->number;
}

gboolean
ow_dossier_page_need (OwDossierPage *self,
                      double         height)
{
  /* Something taller than a page goes on a fresh one, and then runs off its foot. */
  if (self->y + height <= BOTTOM || self->y <= TOP)
    return FALSE;
  ow_dossier_page_break (self);
  return TRUE;
}

static void
heading (OwDossierPage *self,
         const char    *text,
         gboolean       new_page,
         double         following)
{
  g_autoptr(PangoLayout) layout = ow_dossier_page_layout (self, OW_DOSSIER_STYLE_HEADING, text,
                                                          ow_dossier_page_get_width (self));
  double height = ow_dossier_layout_height (layout);
  g_autofree char *target = NULL;

  if (new_page && self->y > TOP)
    ow_dossier_page_break (self);
  else if (self->y > TOP)
    self->y += 14;
  ow_dossier_page_need (self, height + 12 + following);

  target = g_strdup_printf ("page=%u pos=[%.1f %.1f]", self->number, MARGIN_X, self->y);
  cairo_pdf_surface_add_outline (self->surface, CAIRO_PDF_OUTLINE_ROOT, text, target, 0);

  ow_dossier_page_show (self, layout, OW_DOSSIER_STYLE_HEADING, MARGIN_X, self->y);
  self->y += height + 3;
  ow_dossier_page_rule (self, ACCENT, 1.2);
  self->y += 9;
}

void
ow_dossier_page_heading (OwDossierPage *self,
                         const char    *text,
                         gboolean       new_page)
{
  /* A heading alone at the foot of a page helps nobody: keep a few lines with it. */
  heading (self, text, new_page, 48);
}

void
ow_dossier_page_heading_with (OwDossierPage *self,
                              const char    *text,
                              double         following)
{
  heading (self, text, FALSE, following);
}

void
ow_dossier_page_subheading (OwDossierPage *self,
                            const char    *text)
{
  g_autoptr(PangoLayout) layout = ow_dossier_page_layout (self, OW_DOSSIER_STYLE_SUBHEADING,
                                                          text, ow_dossier_page_get_width (self));
  double height = ow_dossier_layout_height (layout);

  if (self->y > TOP)
    self->y += 8;
  /* With a line under it and a table's header and first row. */
  ow_dossier_page_need (self, height + 80);
  ow_dossier_page_show (self, layout, OW_DOSSIER_STYLE_SUBHEADING, MARGIN_X, self->y);
  self->y += height + 4;
}

void
ow_dossier_page_text (OwDossierPage  *self,
                      OwDossierStyle  style,
                      double          indent,
                      const char     *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutIter *iter;

  if (text == NULL || *text == '\0')
    return;

  layout = ow_dossier_page_layout (self, style, text, ow_dossier_page_get_width (self) - indent);
  iter = pango_layout_get_iter (layout);
  set_rgb (self->cr, styles[style].color);
  do
    {
      PangoRectangle logical;
      double line_h, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_h = pango_units_to_double (logical.height);
      baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter) - logical.y);
      if (ow_dossier_page_need (self, line_h))
        set_rgb (self->cr, styles[style].color);
      cairo_move_to (self->cr, MARGIN_X + indent + pango_units_to_double (logical.x),
                     self->y + baseline);
      pango_cairo_show_layout_line (self->cr, pango_layout_iter_get_line_readonly (iter));
      self->y += line_h;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static char *
escape_uri_attribute (const char *uri)
{
  GString *out = g_string_new (NULL);

  for (const char *p = uri; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Label/value rows in a column at @x, @width wide; draws them at @y when @draw. Returns
 * their height. */
static double
fields_block (OwDossierPage     *self,
              const char *const *pairs,
              double             x,
              double             y,
              double             width,
              double             label_w,
              gboolean           draw,
              const char        *link_label,
              const char        *link)
{
  double top = y;

  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      const char *value = pairs[i + 1];
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) text = NULL;
      double height;

      if (value == NULL || *value == '\0')
        continue;

      label = ow_dossier_page_layout (self, OW_DOSSIER_STYLE_LABEL, pairs[i], label_w - 8);
      text = ow_dossier_page_layout (self, OW_DOSSIER_STYLE_BODY, value, width - label_w);
      height = MAX (ow_dossier_layout_height (label), ow_dossier_layout_height (text));
      if (!draw)
        {
          y += height + 3;
          continue;
        }

      ow_dossier_page_show (self, label, OW_DOSSIER_STYLE_LABEL, x, y + 0.5);
      if (link != NULL && link_label != NULL && g_str_equal (pairs[i], link_label))
        {
          g_autofree char *escaped = escape_uri_attribute (link);
          g_autofree char *attributes = g_strdup_printf ("uri='%s'", escaped);

          cairo_tag_begin (self->cr, CAIRO_TAG_LINK, attributes);
          set_rgb (self->cr, ACCENT);
          cairo_move_to (self->cr, x + label_w, y);
          pango_cairo_show_layout (self->cr, text);
          cairo_tag_end (self->cr, CAIRO_TAG_LINK);
        }
      else
        ow_dossier_page_show (self, text, OW_DOSSIER_STYLE_BODY, x + label_w, y);
      y += height + 3;
    }
  return y - top;
}

void
ow_dossier_page_fields (OwDossierPage     *self,
                        const char *const *pairs,
                        const char        *link_label,
                        const char        *link)
{
  /* Row by row, so a long list breaks between rows. */
  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      const char *const row[] = { pairs[i], pairs[i + 1], NULL };
      double height = fields_block (self, row, MARGIN_X, self->y,
                                    ow_dossier_page_get_width (self), FIELD_LABEL_W, FALSE,
                                    NULL, NULL);

      if (height <= 0)
        continue;
      ow_dossier_page_need (self, height);
      self->y += fields_block (self, row, MARGIN_X, self->y, ow_dossier_page_get_width (self),
                               FIELD_LABEL_W, TRUE, link_label, link);
    }
}

void
ow_dossier_page_fields_two (OwDossierPage     *self,
                            const char *const *left,
                            const char *const *right,
                            const char        *link_label,
                            const char        *link)
{
  /* The left one wider: it holds the item's title and the order page's address. */
  double column_l = (ow_dossier_page_get_width (self) - COLUMN_GAP) * 0.57;
  double column_r = ow_dossier_page_get_width (self) - COLUMN_GAP - column_l;
  double label_w = FIELD_LABEL_W * 0.72;
  double x_right = MARGIN_X + column_l + COLUMN_GAP;
  double height = MAX (fields_block (self, left, MARGIN_X, self->y, column_l, label_w, FALSE,
                                     NULL, NULL),
                       fields_block (self, right, x_right, self->y, column_r, label_w, FALSE,
                                     NULL, NULL));

  ow_dossier_page_need (self, height);
  fields_block (self, left, MARGIN_X, self->y, column_l, label_w, TRUE, link_label, link);
  fields_block (self, right, x_right, self->y, column_r, label_w, TRUE, link_label, link);
  self->y += height;
}

static void
column_geometry (OwDossierTable *table,
                 guint           index,
                 double         *x,
                 double         *width)
{
  double total = ow_dossier_page_get_width (table->page);
  double left = MARGIN_X;

  for (guint i = 0; i < index; i++)
    left += table->columns[i].share * total;
  *x = left;
  *width = table->columns[index].share * total;
}

static void
draw_table_header (OwDossierTable *table)
{
  OwDossierPage *page = table->page;
  PangoLayout *layouts[16] = { NULL };
  double height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      double x, w;

      column_geometry (table, i, &x, &w);
      layouts[i] = ow_dossier_page_layout (page, OW_DOSSIER_STYLE_SMALL_BOLD,
                                           table->columns[i].title, w - 2 * CELL_PAD_X);
      height = MAX (height, ow_dossier_layout_height (layouts[i]));
    }
  height += 2 * CELL_PAD_Y;

  ow_dossier_page_fill (page, HEADER_BG, MARGIN_X, page->y, ow_dossier_page_get_width (page),
                        height);
  for (guint i = 0; i < table->n_columns; i++)
    {
      double x, w;

      column_geometry (table, i, &x, &w);
      ow_dossier_page_show (page, layouts[i], OW_DOSSIER_STYLE_SMALL_BOLD, x + CELL_PAD_X,
                            page->y + CELL_PAD_Y);
      g_object_unref (layouts[i]);
    }
  page->y += height;
}

OwDossierTable *
ow_dossier_table_new (OwDossierPage         *self,
                      const OwDossierColumn *columns,
                      guint                  n_columns)
{
  OwDossierTable *table;

  g_return_val_if_fail (n_columns > 0 && n_columns <= 16, NULL);

  table = g_new0 (OwDossierTable, 1);
  table->page = self;
  table->columns = g_memdup2 (columns, n_columns * sizeof (OwDossierColumn));
  table->n_columns = n_columns;
  /* The header and a first row together. */
  ow_dossier_page_need (self, 48);
  draw_table_header (table);
  return table;
}

static PangoLayout *
cell_layout (OwDossierPage  *page,
             OwDossierStyle  style,
             const char     *text,
             double          width)
{
  PangoLayout *layout = ow_dossier_page_layout (page, style, text, width);

  /* A cell never outgrows a page. */
  pango_layout_set_height (layout, -MAX_CELL_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

void
ow_dossier_table_add_row (OwDossierTable    *table,
                          const char *const *cells,
                          const char        *detail)
{
  OwDossierPage *page = table->page;
  PangoLayout *layouts[16] = { NULL };
  g_autoptr(PangoLayout) detail_layout = NULL;
  double width = ow_dossier_page_get_width (page);
  double height = 0, detail_h = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      double x, w;

      column_geometry (table, i, &x, &w);
      layouts[i] = cell_layout (page, table->columns[i].style, cells[i], w - 2 * CELL_PAD_X);
      height = MAX (height, ow_dossier_layout_height (layouts[i]));
    }
  if (detail != NULL && *detail != '\0')
    {
      detail_layout = cell_layout (page, OW_DOSSIER_STYLE_SMALL, detail,
                                   width - 2 * CELL_PAD_X);
      detail_h = ow_dossier_layout_height (detail_layout) + 1.5;
    }
  height += 2 * CELL_PAD_Y + detail_h;

  if (ow_dossier_page_need (page, height))
    draw_table_header (table);

  if (table->n_rows % 2 == 1)
    ow_dossier_page_fill (page, STRIPE_BG, MARGIN_X, page->y, width, height);
  for (guint i = 0; i < table->n_columns; i++)
    {
      double x, w;

      column_geometry (table, i, &x, &w);
      ow_dossier_page_show (page, layouts[i], table->columns[i].style, x + CELL_PAD_X,
                            page->y + CELL_PAD_Y);
      g_object_unref (layouts[i]);
    }
  if (detail_layout != NULL)
    ow_dossier_page_show (page, detail_layout, OW_DOSSIER_STYLE_SMALL, MARGIN_X + CELL_PAD_X,
                          page->y + height - CELL_PAD_Y - detail_h + 1.5);
  page->y += height;
  ow_dossier_page_fill (page, LINE, MARGIN_X, page->y - 0.4, width, 0.4);
  table->n_rows++;
}

void
ow_dossier_table_free (OwDossierTable *table)
{
  if (table == NULL)
    return;
  table->page->y += 6;
  g_free (table->columns);
  g_free (table);
}
