/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The first window's text waits on fonts: fontconfig sorting the candidates for each size
 * and weight, FreeType opening faces and running their hinting programs, glyphs rasterized
 * one by one. None of that needs the main thread. A font map of our own is filled on a
 * thread with the sizes and weights the window draws, then made the main thread's default
 * before the window measures any text, so the window finds those fonts ready.
 *
 * Font maps are not shared between threads: this one is handed over only after its thread
 * is joined, and from then on only the main thread uses it. */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "ow-font-warmup.h"

struct _OwFontWarmup
{
  GThread              *thread;
  PangoFontMap         *map;
  PangoFontDescription *font;
  cairo_font_options_t *options;
  double                dpi;
};

/* The window's text, as far as fonts go: its sizes in both weights, and the characters its
 * labels mostly use. A size one Pango unit off is another font, so each is rounded the way
 * its source rounds it: CSS sizes (the tabs' 0.88em, the header subtitle's "smaller") to the
 * nearest unit, Pango's scale attribute (the rows' smaller lines and pills) down. */
static const struct
{
  double   scale;
  gboolean rounded;
} sizes[] = {
  { 1.0, TRUE }, { 0.88, TRUE }, { 1 / 1.2, TRUE }, { 0.83, FALSE }, { 0.8, FALSE },
};
static const PangoWeight weights[] = { PANGO_WEIGHT_NORMAL, PANGO_WEIGHT_BOLD };
static const char sample[] =
  "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 "
  ".,:;!?%$€£()-–—·’/&+";

static void
warm_one (PangoContext               *context,
          cairo_t                    *cr,
          guint                       size_index,
          PangoWeight                 weight,
          const PangoFontDescription *base)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (base);
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  double exact = pango_font_description_get_size (base) * sizes[size_index].scale;
  int size = sizes[size_index].rounded ? (int) round (exact) : (int) exact;

  /* GTK gives sizes in pixels (from CSS): keep the unit, or the size is another font. */
  if (pango_font_description_get_size_is_absolute (base))
    pango_font_description_set_absolute_size (font, size);
  else
    pango_font_description_set_size (font, size);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, sample, -1);
  /* Shaping loads the fonts; drawing rasterizes the glyphs into their caches. */
  pango_cairo_show_layout (cr, layout);
}

static gpointer
warm_thread (gpointer data)
{
  OwFontWarmup *warmup = data;
  PangoContext *context = pango_font_map_create_context (warmup->map);
  /* Wide enough for the whole sample: glyphs outside the surface are never rasterized. */
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1024, 32);
  cairo_t *cr = cairo_create (surface);

  pango_cairo_context_set_resolution (context, warmup->dpi);
  pango_cairo_context_set_font_options (context, warmup->options);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (weights); j++)
      warm_one (context, cr, i, weights[j], warmup->font);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (context);
  return NULL;
}

OwFontWarmup *
ow_font_warmup_start (GtkWidget *probe)
{
  PangoContext *context;
  OwFontWarmup *warmup;
  const cairo_font_options_t *options;

  g_return_val_if_fail (GTK_IS_WIDGET (probe), NULL);

  /* What the window's widgets will ask for: the theme's font, resolution and options. */
  context = gtk_widget_get_pango_context (probe);
  options = pango_cairo_context_get_font_options (context);

  warmup = g_new0 (OwFontWarmup, 1);
  warmup->map = pango_cairo_font_map_new ();
  warmup->font = pango_font_description_copy (pango_context_get_font_description (context));
  warmup->options = options ? cairo_font_options_copy (options) : cairo_font_options_create ();
  warmup->dpi = pango_cairo_context_get_resolution (context);
  warmup->thread = g_thread_new ("ow-font-warmup", warm_thread, warmup);
  return warmup;
}

void
ow_font_warmup_finish (OwFontWarmup *warmup)
{
  g_return_if_fail (warmup != NULL);

  g_thread_join (warmup->thread);
  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (warmup->map));
  g_object_unref (warmup->map);
  pango_font_description_free (warmup->font);
  cairo_font_options_destroy (warmup->options);
  g_free (warmup);
}
