/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier's paper: A4 pages with a running header and a numbered footer, and the few
 * things it prints on them (headings, flowing text, label/value fields, tables that break
 * across pages and repeat their header). Units are PDF points. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define OW_DOSSIER_PAGE_WIDTH  595.276   /* A4 */
#define OW_DOSSIER_PAGE_HEIGHT 841.890

typedef enum
{
  OW_DOSSIER_STYLE_BODY,
  OW_DOSSIER_STYLE_BOLD,
  OW_DOSSIER_STYLE_SMALL,        /* secondary, grey */
  OW_DOSSIER_STYLE_SMALL_BOLD,   /* table headers */
  OW_DOSSIER_STYLE_LABEL,        /* field names, grey */
  OW_DOSSIER_STYLE_MONO,         /* hashes, numbers to copy */
  OW_DOSSIER_STYLE_VALUE,        /* a value in the summary's cards */
  OW_DOSSIER_STYLE_SUBHEADING,
  OW_DOSSIER_STYLE_HEADING,
  OW_DOSSIER_STYLE_SUBTITLE,
  OW_DOSSIER_STYLE_TITLE,
  OW_DOSSIER_STYLE_WARNING,      /* something the reader must not miss, red */
  OW_DOSSIER_N_STYLES
} OwDossierStyle;

typedef struct _OwDossierPage  OwDossierPage;
typedef struct _OwDossierTable OwDossierTable;

typedef struct
{
  const char     *title;
  double          share;     /* of the table's width */
  OwDossierStyle  style;
} OwDossierColumn;

/* Draws on @surface (a cairo PDF surface). @running_title heads every page after the first;
 * @footer is printed on the left of every page, "Page N of @n_pages" on the right (just
 * "Page N" while @n_pages is 0, in a first pass that only counts). */
OwDossierPage  *ow_dossier_page_new          (cairo_surface_t   *surface,
                                              const char        *running_title,
                                              const char        *footer,
                                              guint              n_pages);
/* Ends the last page; returns how many there were. */
guint           ow_dossier_page_finish       (OwDossierPage     *self);
void            ow_dossier_page_free         (OwDossierPage     *self);

cairo_t        *ow_dossier_page_get_cairo    (OwDossierPage     *self);
PangoContext   *ow_dossier_page_get_pango    (OwDossierPage     *self);
/* The text column: its left edge and width. */
double          ow_dossier_page_get_left     (OwDossierPage     *self);
double          ow_dossier_page_get_width    (OwDossierPage     *self);
/* Where the next thing goes, and what is left below it on this page. */
double          ow_dossier_page_get_y        (OwDossierPage     *self);
void            ow_dossier_page_advance      (OwDossierPage     *self,
                                              double             height);
double          ow_dossier_page_get_room     (OwDossierPage     *self);
guint           ow_dossier_page_get_number   (OwDossierPage     *self);
void            ow_dossier_page_break        (OwDossierPage     *self);
/* Starts a new page unless @height fits below. Returns whether it did. */
gboolean        ow_dossier_page_need         (OwDossierPage     *self,
                                              double             height);

/* A layout in @style, wrapped at @width (or unwrapped when @width <= 0). */
PangoLayout    *ow_dossier_page_layout       (OwDossierPage     *self,
                                              OwDossierStyle     style,
                                              const char        *text,
                                              double             width);
double          ow_dossier_layout_height     (PangoLayout       *layout);
double          ow_dossier_layout_width      (PangoLayout       *layout);
void            ow_dossier_page_show         (OwDossierPage     *self,
                                              PangoLayout       *layout,
                                              OwDossierStyle     style,
                                              double             x,
                                              double             y);
void            ow_dossier_page_set_color    (OwDossierPage     *self,
                                              guint32            rgb);
/* A filled rectangle, and a line. */
void            ow_dossier_page_fill         (OwDossierPage     *self,
                                              guint32            rgb,
                                              double             x,
                                              double             y,
                                              double             width,
                                              double             height);
void            ow_dossier_page_rule         (OwDossierPage     *self,
                                              guint32            rgb,
                                              double             thickness);

/* A section: on a new page when @new_page, else with room kept for what follows; listed in
 * the PDF's outline. */
void            ow_dossier_page_heading      (OwDossierPage     *self,
                                              const char        *text,
                                              gboolean           new_page);
/* The same, kept on one page with the @following points after it. */
void            ow_dossier_page_heading_with (OwDossierPage     *self,
                                              const char        *text,
                                              double             following);
void            ow_dossier_page_subheading   (OwDossierPage     *self,
                                              const char        *text);
/* Text that flows line by line onto the next page; @indent from the left edge. */
void            ow_dossier_page_text         (OwDossierPage     *self,
                                              OwDossierStyle     style,
                                              double             indent,
                                              const char        *text);
/* Label/value rows: @pairs is label, value, label, value, ..., NULL. A NULL or empty value
 * skips its row. @link (nullable) makes the value of the row labelled @link_label a link. */
void            ow_dossier_page_fields       (OwDossierPage     *self,
                                              const char *const *pairs,
                                              const char        *link_label,
                                              const char        *link);
/* The same in two columns side by side, kept on one page. */
void            ow_dossier_page_fields_two   (OwDossierPage     *self,
                                              const char *const *left,
                                              const char *const *right,
                                              const char        *link_label,
                                              const char        *link);

OwDossierTable *ow_dossier_table_new         (OwDossierPage     *self,
                                              const OwDossierColumn *columns,
                                              guint              n_columns);
/* One row: @cells (n_columns, NULL for empty) and a @detail line (nullable) spanning the
 * row under them in small grey. A row is kept together on one page. */
void            ow_dossier_table_add_row     (OwDossierTable    *table,
                                              const char *const *cells,
                                              const char        *detail);
void            ow_dossier_table_free        (OwDossierTable    *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwDossierPage, ow_dossier_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwDossierTable, ow_dossier_table_free)

G_END_DECLS
