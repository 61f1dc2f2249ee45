#include "render/text_layout.h"
#include "itakit/text.h"
#include "itakit/error.h"

#include "render/fonts.h"
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

/* Compounds that libthai's dictionary splits (หน่วย|งาน, ปี|งบประมาณ) but a
 * Thai reader expects whole on one line. Longest first, so that a longer
 * term wins where terms overlap. */
static const char *const unbreakable_terms[] = {
	"ประจำปีงบประมาณ", "การดำเนินงาน", "ผู้รับผิดชอบ", "ปีงบประมาณ", "หน่วยงาน", "ตัวชี้วัด",
	"ภาพรวม", "ข้อจำกัด",
};

/* Whether term fits on one line of the layout's width in its font: a range
 * kept whole that is wider than the line would overflow it. */
static bool term_fits(PangoLayout *layout, const char *term, int len)
{
	PangoLayout *probe = pango_layout_new(pango_layout_get_context(layout));
	pango_layout_set_font_description(probe, pango_layout_get_font_description(layout));
	pango_layout_set_text(probe, term, len);
	int w;
	pango_layout_get_size(probe, &w, NULL);
	g_object_unref(probe);
	int width = pango_layout_get_width(layout);
	int indent = pango_layout_get_indent(layout);
	return w <= width - (indent > 0 ? indent : -indent);
}

/* Keeps the unbreakable terms, and "พ.ศ. ๒๕๖๖" with its year, on one line
 * by disallowing breaks inside them (the text itself is unchanged, so it
 * copies out of the PDF as written). */
static void keep_terms_whole(PangoLayout *layout)
{
	const char *text = pango_layout_get_text(layout);
	PangoAttrList *attrs = pango_layout_get_attributes(layout);
	attrs = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
	bool changed = false;
	for (size_t t = 0; t < sizeof unbreakable_terms / sizeof *unbreakable_terms; t++) {
		const char *term = unbreakable_terms[t];
		const char *at = strstr(text, term);
		if (!at || !term_fits(layout, term, -1))
			continue;
		for (; at; at = strstr(at + strlen(term), term)) {
			PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
			a->start_index = (guint)(at - text);
			a->end_index = (guint)(at - text + strlen(term));
			pango_attr_list_insert(attrs, a);
			changed = true;
		}
	}
	/* "พ.ศ." (or "ค.ศ.") with the space and the year (or range) after it */
	static const char *const eras[] = {"พ.ศ. ", "ค.ศ. "};
	for (size_t e = 0; e < 2; e++) {
		for (const char *at = strstr(text, eras[e]); at; at = strstr(at + 1, eras[e])) {
			const char *end = at + strlen(eras[e]);
			while (*end) {
				uint32_t cp;
				size_t len = itakit_utf8_decode(end, strlen(end), &cp);
				bool digit = (cp >= '0' && cp <= '9') || (cp >= 0x0E50 && cp <= 0x0E59);
				if (!len || !(digit || cp == 0x2013 || cp == '-'))
					break;
				end += len;
			}
			if (end == at + strlen(eras[e]) || !term_fits(layout, at, (int)(end - at)))
				continue;
			PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
			a->start_index = (guint)(at - text);
			a->end_index = (guint)(end - text);
			pango_attr_list_insert(attrs, a);
			changed = true;
		}
	}
	if (changed)
		pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
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
	if (style->indent != 0)
		pango_layout_set_indent(layout, (int)(style->indent * PANGO_SCALE));
	if (style->tab > 0) {
		PangoTabArray *tabs = pango_tab_array_new_with_positions(1, FALSE, PANGO_TAB_LEFT,
									 (int)(style->tab * PANGO_SCALE));
		pango_layout_set_tabs(layout, tabs);
		pango_tab_array_free(tabs);
	}
	if (style->line_spacing > 0)
		pango_layout_set_line_spacing(layout, (float)style->line_spacing);
	if (style->markup)
		pango_layout_set_markup(layout, text, -1);
	else
		pango_layout_set_text(layout, text, -1);
	if (style->width > 0)
		keep_terms_whole(layout);
	if (style->justify && style->width > 0 && style->align == ITAKIT_ALIGN_LEFT)
		itakit_text_justify(layout);
	return layout;
}

/* Relative share of a line's slack taken by each kind of gap. */
enum { GAP_CLUSTER = 2, GAP_WORD = 3, GAP_SPACE = 6 };

static bool is_space_byte(const char *p)
{
	return *p == ' ' || (p[0] == '\xc2' && p[1] == '\xa0');
}

static void justify_line(PangoLayoutLine *line, int target, const char *text, const int *b2c,
			 const PangoLogAttr *attrs, int nattrs)
{
	/* Slots are glyphs after which extra advance may go. Two passes over the
	 * runs: count weights, then add. */
	int content = 0, total_weight = 0;
	for (int pass = 0; pass < 2; pass++) {
		int last_content_x = 0, x = 0;
		double per = 0, carry = 0;
		if (pass == 1) {
			if (total_weight == 0 || target - content <= 0)
				return;
			per = (double)(target - content) / total_weight;
		}
		for (GSList *l = line->runs; l; l = l->next) {
			PangoGlyphItem *run = l->data;
			if (run->item->analysis.level % 2)
				return; /* right-to-left text: leave to pango */
			PangoGlyphString *gs = run->glyphs;
			for (int g = 0; g < gs->num_glyphs; g++) {
				const char *p = text + run->item->offset + gs->log_clusters[g];
				x += gs->glyphs[g].geometry.width;
				if (!is_space_byte(p))
					last_content_x = x;
				/* The glyph that follows, in this run or the next. */
				const PangoGlyphItem *nrun = run;
				int ng = g + 1;
				if (ng >= gs->num_glyphs) {
					if (!l->next)
						continue;
					nrun = l->next->data;
					ng = 0;
				}
				if (ng >= nrun->glyphs->num_glyphs || !nrun->glyphs->glyphs[ng].attr.is_cluster_start)
					continue;
				int nb = nrun->item->offset + nrun->glyphs->log_clusters[ng];
				int c = b2c[nb];
				if (c < 0 || c >= nattrs || !attrs[c].is_cursor_position)
					continue;
				const char *np = text + nb;
				if (is_space_byte(np) || *np == '\n' || *np == '\0')
					continue; /* trailing spaces do not count */
				int w = is_space_byte(p) ? GAP_SPACE : attrs[c].is_line_break ? GAP_WORD : GAP_CLUSTER;
				if (pass == 0) {
					total_weight += w;
				} else {
					carry += per * w;
					int add = (int)carry;
					carry -= add;
					gs->glyphs[g].geometry.width += add;
				}
			}
		}
		if (pass == 0)
			content = last_content_x;
	}
}

void itakit_text_justify(PangoLayout *layout)
{
	int width = pango_layout_get_width(layout);
	if (width <= 0 || pango_layout_get_alignment(layout) != PANGO_ALIGN_LEFT)
		return;
	pango_layout_set_justify(layout, FALSE);
	const char *text = pango_layout_get_text(layout);
	int nattrs = 0;
	const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(layout, &nattrs);
	size_t len = strlen(text);
	int *b2c = g_new(int, len + 1);
	int ci = 0;
	for (size_t b = 0; b <= len; b++)
		b2c[b] = ((unsigned char)text[b] & 0xC0) == 0x80 ? -1 : ci++;
	int indent = pango_layout_get_indent(layout);
	for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
		PangoLayoutLine *line = l->data;
		PangoLayoutLine *next = l->next ? l->next->data : NULL;
		if (!next || next->is_paragraph_start)
			continue; /* the last line of a paragraph stays ragged */
		int x0 = line->is_paragraph_start ? (indent > 0 ? indent : 0) : (indent < 0 ? -indent : 0);
		justify_line(line, width - x0, text, b2c, attrs, nattrs);
	}
	g_free(b2c);
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

/* Glyphs of one run, grouped into clusters that each span a run of
 * non-space text (a Thai phrase) or one space. */
static void show_run(cairo_t *cr, const char *text, PangoGlyphItem *run, double x, double y)
{
	PangoGlyphString *gs = run->glyphs;
	int n = gs->num_glyphs;
	if (n == 0)
		return;
	if (run->item->analysis.level % 2 || !PANGO_IS_CAIRO_FONT(run->item->analysis.font)) {
		cairo_move_to(cr, x, y);
		pango_cairo_show_glyph_item(cr, text, run);
		return;
	}
	const char *rtext = text + run->item->offset;
	int rlen = run->item->length;
	cairo_glyph_t *glyphs = g_new(cairo_glyph_t, n);
	cairo_text_cluster_t *clusters = g_new(cairo_text_cluster_t, n);
	int ng = 0, nc = 0;
	double pen = x, base = y - (double)run->y_offset / PANGO_SCALE;
	for (int i = 0; i < n; i++) {
		const PangoGlyphInfo *gi = &gs->glyphs[i];
		int b = gs->log_clusters[i];
		bool starts = i == 0 || (b != gs->log_clusters[i - 1] &&
					 (rtext[b] == ' ' || rtext[gs->log_clusters[i - 1]] == ' '));
		if (starts) {
			clusters[nc].num_glyphs = 0;
			clusters[nc].num_bytes = b; /* start for now; a length below */
			nc++;
		}
		if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
			glyphs[ng].index = gi->glyph;
			glyphs[ng].x = pen + (double)gi->geometry.x_offset / PANGO_SCALE;
			glyphs[ng].y = base + (double)gi->geometry.y_offset / PANGO_SCALE;
			ng++;
			clusters[nc - 1].num_glyphs++;
		}
		pen += (double)gi->geometry.width / PANGO_SCALE;
	}
	for (int k = 0; k < nc; k++)
		clusters[k].num_bytes = (k + 1 < nc ? clusters[k + 1].num_bytes : rlen) - clusters[k].num_bytes;
	cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font)));
	if (gs->log_clusters[0] == 0)
		cairo_show_text_glyphs(cr, rtext, rlen, glyphs, ng, clusters, nc, 0);
	else
		cairo_show_glyphs(cr, glyphs, ng); /* not in logical order: no text */
	g_free(glyphs);
	g_free(clusters);
}

void itakit_text_show_line(cairo_t *cr, PangoLayoutLine *line)
{
	double x, y;
	cairo_get_current_point(cr, &x, &y);
	const char *text = pango_layout_get_text(line->layout);
	for (GSList *l = line->runs; l; l = l->next) {
		PangoGlyphItem *run = l->data;
		show_run(cr, text, run, x, y);
		x += (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
	}
	cairo_new_path(cr);
}

void itakit_text_draw(cairo_t *cr, PangoLayout *layout, const itakit_text_style *style,
		      double x, double y)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, style->color[0], style->color[1], style->color[2]);
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		cairo_move_to(cr, x + (double)logical.x / PANGO_SCALE,
			      y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
		itakit_text_show_line(cr, pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
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
	int rc = itakit__fonts_use(family);
	if (rc != ITAKIT_ENOTFOUND)
		return rc;
	const char *pkg = package_for(family);
	/* the official font is not packaged: say where its free derivative is */
	if (strncasecmp(family, "TH Sarabun", 10) == 0)
		return itakit_error_set(ITAKIT_ENOTFOUND,
			"font \"%s\" is not installed; Debian does not package it: copy its .ttf files to "
			"~/.local/share/fonts and run fc-cache, or use --font Laksaman, its free derivative "
			"(apt-get install fonts-tlwg-laksaman-ttf)", family);
	if (pkg)
		return itakit_error_set(ITAKIT_ENOTFOUND,
			"font \"%s\" is not installed; install it with: apt-get install %s", family, pkg);
	return itakit_error_set(ITAKIT_ENOTFOUND,
		"font \"%s\" is not installed; install it, or choose an installed Thai font with --font: "
		"Laksaman (apt-get install fonts-tlwg-laksaman-ttf) or Noto Sans Thai "
		"(apt-get install fonts-noto-core); fc-list :lang=th lists those installed", family);
}
