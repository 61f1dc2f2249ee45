#include "render/text_layout.h"
#include "itakit/error.h"

#include <fontconfig/fontconfig.h>
#include <string.h>
#include <strings.h>

static PangoContext *make_context(cairo_t *cr)
{
	PangoContext *ctx = pango_cairo_create_context(cr);
	/* pango-cairo assumes 96 dpi: 72 makes 1 pt of font = 1 cairo unit. */
	pango_cairo_context_set_resolution(ctx, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(ctx, pango_language_from_string("th"));
	pango_context_set_round_glyph_positions(ctx, FALSE);
	return ctx;
}

PangoLayout *itakit_text_layout(cairo_t *cr, const itakit_text_style *style, const char *text)
{
	PangoContext *ctx = make_context(cr);
	PangoLayout *layout = pango_layout_new(ctx);
	g_object_unref(ctx);

	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, style->family ? style->family : ITAKIT_DEFAULT_FONT);
	pango_font_description_set_size(fd, (gint)(style->size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, style->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);

	if (style->width > 0) {
		pango_layout_set_width(layout, (int)(style->width * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(layout, style->align == ITAKIT_ALIGN_CENTER ? PANGO_ALIGN_CENTER :
					   style->align == ITAKIT_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
					   PANGO_ALIGN_LEFT);
	pango_layout_set_justify(layout, style->justify);
	if (style->line_spacing > 0)
		pango_layout_set_line_spacing(layout, (float)style->line_spacing);
	if (style->markup)
		pango_layout_set_markup(layout, text, -1);
	else
		pango_layout_set_text(layout, text, -1);
	return layout;
}

void itakit_text_size(PangoLayout *layout, double *width, double *height)
{
	PangoRectangle logical;
	pango_layout_get_extents(layout, NULL, &logical);
	if (width)
		*width = (double)logical.width / PANGO_SCALE;
	if (height)
		*height = (double)logical.height / PANGO_SCALE;
}

double itakit_text_baseline(PangoLayout *layout)
{
	return (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
}

void itakit_text_draw(cairo_t *cr, PangoLayout *layout, const itakit_text_style *style,
		      double x, double y)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, style->color[0], style->color[1], style->color[2]);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	cairo_restore(cr);
}

double itakit_text_show(cairo_t *cr, const itakit_text_style *style, const char *text,
			double x, double y)
{
	PangoLayout *layout = itakit_text_layout(cr, style, text);
	double h;
	itakit_text_size(layout, NULL, &h);
	itakit_text_draw(cr, layout, style, x, y);
	g_object_unref(layout);
	return h;
}

void itakit_text_measure(cairo_t *cr, const itakit_text_style *style, const char *text,
			 double *width, double *height)
{
	PangoLayout *layout = itakit_text_layout(cr, style, text);
	itakit_text_size(layout, width, height);
	g_object_unref(layout);
}

int itakit_text_unknown_glyphs(PangoLayout *layout)
{
	return pango_layout_get_unknown_glyphs_count(layout);
}

static const char *package_for(const char *family)
{
	if (strncasecmp(family, "Noto", 4) == 0)
		return "fonts-noto-core";
	if (strcasecmp(family, "Laksaman") == 0)
		return "fonts-tlwg-laksaman-ttf";
	if (strncasecmp(family, "TH Sarabun", 10) == 0)
		return NULL;
	return NULL;
}

int itakit_font_check(const char *family)
{
	if (!family)
		family = ITAKIT_DEFAULT_FONT;
	int found = 0;
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
	FcFontSet *fs = FcFontList(NULL, pat, os);
	if (fs) {
		found = fs->nfont > 0;
		FcFontSetDestroy(fs);
	}
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	if (found)
		return 0;
	const char *pkg = package_for(family);
	if (pkg)
		return itakit_error_set(ITAKIT_ENOTFOUND,
			"font \"%s\" is not installed; install it with: apt-get install %s", family, pkg);
	return itakit_error_set(ITAKIT_ENOTFOUND,
		"font \"%s\" is not installed; install it, or choose an installed Thai font with --font "
		"(Laksaman from fonts-tlwg-laksaman-ttf, or Noto Sans Thai from fonts-noto-core)", family);
}
