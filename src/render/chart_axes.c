/* Pieces every chart shares: palette, text placement, numbers, names,
 * titles, legends, scales, axes, the threshold line, bars, unit ordering. */
#include "render/chart_internal.h"
#include "itakit/error.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Okabe & Ito (2008), safe for the common colour-vision deficiencies. */
const chart_rgb itakit__chart_ink = {0.13, 0.13, 0.13};
const chart_rgb itakit__chart_muted = {0.38, 0.38, 0.38};
const chart_rgb itakit__chart_grid = {0.88, 0.88, 0.88};
const chart_rgb itakit__chart_axis = {0.55, 0.55, 0.55};
const chart_rgb itakit__chart_blue = {0.0, 114 / 255.0, 178 / 255.0};
const chart_rgb itakit__chart_vermillion = {213 / 255.0, 94 / 255.0, 0.0};
const chart_rgb itakit__chart_orange = {230 / 255.0, 159 / 255.0, 0.0};
const chart_rgb itakit__chart_sky = {86 / 255.0, 180 / 255.0, 233 / 255.0};
const chart_rgb itakit__chart_green = {0.0, 158 / 255.0, 115 / 255.0};
const chart_rgb itakit__chart_white = {1, 1, 1};
const chart_rgb itakit__chart_panel = {0.965, 0.965, 0.965};

void itakit__chart_set_rgb(cairo_t *cr, chart_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static chart_rgb mix(chart_rgb a, chart_rgb b, double t)
{
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	chart_rgb c = {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
	return c;
}

static chart_rgb hex(unsigned v)
{
	chart_rgb c = {((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0};
	return c;
}

void itakit__chart_ctx_finish(chart_ctx *ctx, double scale)
{
	if (!ctx->opt.font || !*ctx->opt.font)
		ctx->opt.font = ITAKIT_DEFAULT_FONT;
	ctx->en = ctx->opt.lang == ITAKIT_LANG_EN;
	/* Thai digits inside English labels would be unreadable to the audience. */
	ctx->digits = ctx->en ? ITAKIT_DIGITS_ARABIC : ctx->opt.digits;
	/* Sizes follow the width, so a chart placed smaller in a report keeps
	 * its proportions; clamped to stay legible. */
	double f = scale < 0.8 ? 0.8 : scale > 1.6 ? 1.6 : scale;
	ctx->fs_title = 14.0 * f;
	ctx->fs_subtitle = 11.0 * f;
	ctx->fs_label = 10.5 * f;
	ctx->fs_value = 9.5 * f;
	ctx->fs_small = 9.0 * f;
}

int itakit__chart_frame_draw(chart_ctx *ctx, const char *what, double margin, chart_draw_fn draw,
			     const void *user)
{
	cairo_t *cr = ctx->cr;
	int rc = itakit__font_check(ctx->opt.font);
	if (rc)
		return rc;
	chart_box box = {margin, margin, ctx->width - 2 * margin, ctx->height - 2 * margin};
	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, ctx->width, ctx->height);
	cairo_clip(cr);
	rc = draw(ctx, box, user);
	cairo_restore(cr);
	if (rc)
		return rc;
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		return itakit_error_set(ITAKIT_ERROR, "%s: cairo: %s", what, cairo_status_to_string(cairo_status(cr)));
	if (ctx->unknown_glyphs)
		return itakit_error_set(ITAKIT_ERROR, "%s: font \"%s\" cannot draw %d character(s) of \"%s\"; "
					"choose another font", what, ctx->opt.font, ctx->unknown_glyphs, ctx->unknown_text);
	return 0;
}

chart_rgb itakit__chart_year_colour(size_t i, size_t n)
{
	/* ColorBrewer Blues from its third step (the two palest vanish on white
	 * paper): ordered by lightness, so years read in grey too. */
	static const unsigned blues[] = {0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c};
	if (n <= 1)
		return hex(blues[4]);
	double t = (double)i / (double)(n - 1) * 4.0;
	size_t k = (size_t)t;
	if (k >= 4)
		return hex(blues[4]);
	return mix(hex(blues[k]), hex(blues[k + 1]), t - (double)k);
}

chart_rgb itakit__chart_diverging(double v, bool below, double lo, double threshold, double hi)
{
	/* Paul Tol's BuRd, a colour-blind safe diverging scheme; the neutral
	 * middle sits on the threshold. */
	static const unsigned reds[] = {0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b};
	static const unsigned blues[] = {0xf7f7f7, 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac};
	const unsigned *ramp = below ? reds : blues;
	double t = below ? (threshold - v) / fmax(threshold - lo, 1e-9)
			 : (v - threshold) / fmax(hi - threshold, 1e-9);
	t = (t < 0 ? 0 : t > 1 ? 1 : t) * 4.0;
	size_t k = (size_t)t;
	if (k >= 4)
		return hex(ramp[4]);
	return mix(hex(ramp[k]), hex(ramp[k + 1]), t - (double)k);
}

double itakit__chart_luminance(chart_rgb c)
{
	double ch[3] = {c.r, c.g, c.b};
	for (int i = 0; i < 3; i++)
		ch[i] = ch[i] <= 0.03928 ? ch[i] / 12.92 : pow((ch[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/* --- tracing --- */

static chart_trace_fn trace_fn;
static void *trace_user;

void itakit__chart_trace(chart_trace_fn fn, void *user)
{
	trace_fn = fn;
	trace_user = user;
}

void itakit__chart_trace_box(chart_ctx *ctx, chart_trace_what what, const char *text, double size, double x0,
		     double y0, double x1, double y1)
{
	if (!trace_fn || !ctx->cr)
		return;
	double xs[4] = {x0, x1, x0, x1}, ys[4] = {y0, y0, y1, y1};
	double lx = INFINITY, ly = INFINITY, hx = -INFINITY, hy = -INFINITY;
	for (int k = 0; k < 4; k++) {
		cairo_user_to_device(ctx->cr, &xs[k], &ys[k]);
		lx = fmin(lx, xs[k]), hx = fmax(hx, xs[k]);
		ly = fmin(ly, ys[k]), hy = fmax(hy, ys[k]);
	}
	trace_fn(trace_user, what, text, size, lx, ly, hx, hy);
}

/* --- text --- */

chart_text itakit__chart_text_at(double size)
{
	chart_text t = {size, false, itakit__chart_ink, CHART_LEFT, CHART_TOP, 0, 0, false, false};
	return t;
}

static itakit_text_style text_style(const chart_ctx *ctx, const chart_text *t)
{
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.family = ctx->opt.font;
	st.size = t->size;
	st.bold = t->bold;
	st.width = t->wrap;
	st.align = t->halign == CHART_CENTER ? ITAKIT_ALIGN_CENTER :
		   t->halign == CHART_RIGHT ? ITAKIT_ALIGN_RIGHT : ITAKIT_ALIGN_LEFT;
	st.color[0] = t->color.r;
	st.color[1] = t->color.g;
	st.color[2] = t->color.b;
	return st;
}

static PangoLayout *make_layout(chart_ctx *ctx, const chart_text *t, const char *text)
{
	itakit_text_style st = text_style(ctx, t);
	/* Long names (60 characters) end in "…" rather than overflow. The
	 * layout is shared: measuring then drawing a text shapes it once. */
	PangoLayout *layout = itakit__text_layout_shared_cut(ctx->cr, &st, text,
							     t->wrap > 0 ? t->max_lines : 0);
	int unknown = itakit__text_unknown_glyphs(layout);
	if (unknown > 0) {
		if (ctx->unknown_glyphs == 0)
			itakit__chart_fmt(ctx->unknown_text, sizeof ctx->unknown_text, "%s", text);
		ctx->unknown_glyphs += unknown;
	}
	return layout;
}

/* The layout's logical rectangle (points); x may be non-zero when aligned
 * within a wrap width. */
static void logical_rect(PangoLayout *layout, double *x, double *w, double *h)
{
	PangoRectangle r;
	pango_layout_get_extents(layout, NULL, &r);
	*x = (double)r.x / PANGO_SCALE;
	*w = (double)r.width / PANGO_SCALE;
	*h = (double)r.height / PANGO_SCALE;
}

void itakit__chart_text_measure(chart_ctx *ctx, const chart_text *t, const char *text, double *w, double *h)
{
	PangoLayout *layout = make_layout(ctx, t, text);
	double lx, lw, lh;
	logical_rect(layout, &lx, &lw, &lh);
	g_object_unref(layout);
	if (w)
		*w = t->vertical ? lh : lw;
	if (h)
		*h = t->vertical ? lw : lh;
}

/* --- white outlines of labels in a PDF ---
 * Stroking the outline of a whole label writes every curve of every glyph
 * into the page again (a report's charts repeat the same few digits
 * hundreds of times): printing those numbers and compressing them cost a
 * quarter of a report. In a PDF each glyph's outline is stroked once into a
 * recording surface, which cairo writes once as a form and references at
 * each use: the same picture. The forms live as long as the PDF surface. */

typedef struct {
	PangoFont *font; /* a reference: the address stays this font's */
	PangoGlyph glyph;
	double width;    /* line width */
} halo_key;

typedef struct {
	halo_key key;
	cairo_surface_t *form;
} halo_glyph;

static guint halo_hash(gconstpointer p)
{
	const halo_key *k = p;
	return g_direct_hash(k->font) ^ (k->glyph * 2654435761u) ^ (guint)(k->width * 1024);
}

static gboolean halo_equal(gconstpointer a, gconstpointer b)
{
	const halo_key *x = a, *y = b;
	return x->font == y->font && x->glyph == y->glyph && x->width == y->width;
}

static void halo_glyph_free(gpointer p)
{
	halo_glyph *h = p;
	cairo_surface_destroy(h->form);
	g_object_unref(h->key.font);
	g_free(h);
}

static const cairo_user_data_key_t halo_forms_key;

static void halo_forms_free(void *p)
{
	g_hash_table_destroy(p);
}

/* The forms of surface (NULL: out of memory). */
static GHashTable *halo_forms(cairo_surface_t *surface)
{
	GHashTable *forms = cairo_surface_get_user_data(surface, &halo_forms_key);
	if (forms)
		return forms;
	forms = g_hash_table_new_full(halo_hash, halo_equal, NULL, halo_glyph_free);
	if (cairo_surface_set_user_data(surface, &halo_forms_key, forms, halo_forms_free) != CAIRO_STATUS_SUCCESS) {
		g_hash_table_destroy(forms);
		return NULL;
	}
	return forms;
}

/* The glyph's outline stroked white at line width w, its origin at (0, 0). */
static cairo_surface_t *halo_form(GHashTable *forms, PangoFont *font, PangoGlyph glyph, double w)
{
	halo_key probe = {font, glyph, w};
	halo_glyph *h = g_hash_table_lookup(forms, &probe);
	if (h)
		return h->form;
	PangoRectangle ink;
	pango_font_get_glyph_extents(font, glyph, &ink, NULL);
	double m = w / 2 + 1;
	cairo_rectangle_t box = {(double)ink.x / PANGO_SCALE - m, (double)ink.y / PANGO_SCALE - m,
				 (double)ink.width / PANGO_SCALE + 2 * m, (double)ink.height / PANGO_SCALE + 2 * m};
	cairo_surface_t *form = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box);
	cairo_t *cr = cairo_create(form);
	PangoGlyphString *one = pango_glyph_string_new();
	pango_glyph_string_set_size(one, 1);
	one->glyphs[0].glyph = glyph;
	one->glyphs[0].geometry = (PangoGlyphGeometry){0, 0, 0};
	one->glyphs[0].attr.is_cluster_start = 1;
	one->log_clusters[0] = 0;
	cairo_move_to(cr, 0, 0);
	pango_cairo_glyph_string_path(cr, font, one);
	pango_glyph_string_free(one);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(cr, w);
	itakit__chart_set_rgb(cr, itakit__chart_white);
	cairo_stroke(cr);
	cairo_destroy(cr);
	h = g_new(halo_glyph, 1);
	h->key = probe;
	h->key.font = g_object_ref(font);
	h->form = form;
	g_hash_table_add(forms, h);
	return form;
}

/* The outline of every glyph of layout, its top-left at (x, y), from the
 * forms; false when they cannot be used (then the caller strokes). */
static bool halo_from_forms(cairo_t *cr, PangoLayout *layout, double x, double y, double w)
{
	cairo_surface_t *target = cairo_get_target(cr);
	if (cairo_surface_get_type(target) != CAIRO_SURFACE_TYPE_PDF)
		return false;
	GHashTable *forms = halo_forms(target);
	if (!forms)
		return false;
	cairo_save(cr);
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		if (!run)
			continue;
		PangoRectangle logical;
		pango_layout_iter_get_run_extents(it, NULL, &logical);
		double pen = x + (double)logical.x / PANGO_SCALE;
		double base = y + (double)(pango_layout_iter_get_baseline(it) - run->y_offset) / PANGO_SCALE;
		const PangoGlyphString *gs = run->glyphs;
		for (int i = 0; i < gs->num_glyphs; i++) {
			const PangoGlyphInfo *gi = &gs->glyphs[i];
			if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
				cairo_surface_t *form = halo_form(forms, run->item->analysis.font, gi->glyph, w);
				cairo_set_source_surface(cr, form, pen + (double)gi->geometry.x_offset / PANGO_SCALE,
							 base + (double)gi->geometry.y_offset / PANGO_SCALE);
				cairo_paint(cr);
			}
			pen += (double)gi->geometry.width / PANGO_SCALE;
		}
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	cairo_restore(cr);
	return true;
}

/* Draws layout with its top-left at (x, y): a white outline first when
 * asked, then the text through the shared helper (extractable PDF text). */
static void paint_layout(chart_ctx *ctx, const chart_text *t, PangoLayout *layout, double x, double y)
{
	cairo_t *cr = ctx->cr;
	if (t->halo && !halo_from_forms(cr, layout, x, y, t->size * 0.28)) {
		cairo_save(cr);
		cairo_move_to(cr, x, y);
		pango_cairo_layout_path(cr, layout);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_set_line_width(cr, t->size * 0.28);
		itakit__chart_set_rgb(cr, itakit__chart_white);
		cairo_stroke(cr);
		cairo_restore(cr);
	}
	itakit_text_style st = text_style(ctx, t);
	itakit__text_draw(cr, layout, &st, x, y);
}

void itakit__chart_text_draw(chart_ctx *ctx, const chart_text *t, const char *text,
		     double x, double y, double *w, double *h)
{
	PangoLayout *layout = make_layout(ctx, t, text);
	double lx, lw, lh;
	logical_rect(layout, &lx, &lw, &lh);
	double bw = t->vertical ? lh : lw, bh = t->vertical ? lw : lh;
	double left = t->halign == CHART_CENTER ? x - bw / 2 : t->halign == CHART_RIGHT ? x - bw : x;
	double top = t->valign == CHART_MIDDLE ? y - bh / 2 : t->valign == CHART_BOTTOM ? y - bh : y;
	cairo_t *cr = ctx->cr;
	cairo_save(cr);
	itakit__chart_trace_box(ctx, CHART_TRACE_TEXT, text, t->size, left, top, left + bw, top + bh);
	if (t->vertical) {
		/* After rotating by -90 degrees the layout's x runs up the page. */
		cairo_translate(cr, left, top + bh);
		cairo_rotate(cr, -M_PI / 2);
		paint_layout(ctx, t, layout, -lx, 0);
	} else {
		paint_layout(ctx, t, layout, left - lx, top);
	}
	cairo_restore(cr);
	/* the path is not part of the saved state: leave no current point for
	 * the next arc to join */
	cairo_new_path(cr);
	g_object_unref(layout);
	if (w)
		*w = bw;
	if (h)
		*h = bh;
}

/* --- text into fixed buffers --- */

#define ELLIPSIS "\xe2\x80\xa6"

/* Byte offset of the last grapheme boundary at or before limit in s (valid
 * UTF-8, len bytes): pango's cursor positions follow Unicode's extended
 * grapheme clusters, so a Thai vowel or tone mark stays with its consonant. */
static size_t grapheme_floor(const char *s, size_t len, size_t limit)
{
	if (!g_utf8_validate(s, (gssize)len, NULL)) {
		/* not text pango accepts: at least never split a sequence */
		while (limit > 0 && ((unsigned char)s[limit] & 0xC0) == 0x80)
			limit--;
		return limit;
	}
	glong n = g_utf8_strlen(s, (gssize)len);
	PangoLogAttr *attrs = g_new(PangoLogAttr, n + 1);
	pango_get_log_attrs(s, (int)len, -1, pango_language_from_string("th"), attrs, (int)n + 1);
	size_t best = 0;
	const char *p = s;
	for (glong i = 0; i <= n; i++) {
		size_t off = (size_t)(p - s);
		if (off > limit)
			break;
		/* older pango breaks before sara am; Unicode keeps it with
		 * the consonant (a spacing mark), as any reader does */
		gunichar c = i < n ? g_utf8_get_char(p) : 0;
		if (attrs[i].is_cursor_position && c != 0x0E33 && c != 0x0EB3 && !g_unichar_ismark(c))
			best = off;
		if (i < n)
			p = g_utf8_next_char(p);
	}
	g_free(attrs);
	return best;
}

/* Cuts s (len bytes) to fit size bytes with the ellipsis. */
static void cut_to(char *s, size_t len, size_t size)
{
	size_t room = size - 1 >= sizeof ELLIPSIS - 1 ? size - 1 - (sizeof ELLIPSIS - 1) : 0;
	size_t cut = grapheme_floor(s, len, room);
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	if (size - 1 >= cut + sizeof ELLIPSIS - 1)
		memcpy(s + cut, ELLIPSIS, sizeof ELLIPSIS);  /* with its NUL */
	else
		s[cut] = '\0';
}

void itakit__chart_cut(char *s, size_t size)
{
	size_t len = strlen(s);
	if (size > 0 && len >= size)
		cut_to(s, len, size);
}

char *itakit__chart_fmt(char *buf, size_t size, const char *fmt, ...)
{
	if (size == 0)
		return buf;
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (need < 0) {
		buf[0] = '\0';
		return buf;
	}
	if ((size_t)need < size)
		return buf;
	/* too long: format in full, then cut where a reader would */
	char *full = malloc((size_t)need + 1);
	if (!full) {
		cut_to(buf, strlen(buf), size);  /* vsnprintf may have split a sequence */
		return buf;
	}
	va_start(ap, fmt);
	vsnprintf(full, (size_t)need + 1, fmt, ap);
	va_end(ap);
	itakit__chart_cut(full, size);
	memcpy(buf, full, strlen(full) + 1);
	free(full);
	return buf;
}

/* --- numbers --- */

char *itakit__chart_fmt_score(const chart_ctx *ctx, char *buf, size_t size, double v)
{
	return itakit_format_number(buf, size, v, 2, ctx->digits, false);
}

/* Replaces a leading hyphen-minus by U+2212, the minus sign typesetters use. */
static char *true_minus(char *buf, size_t size)
{
	size_t n = strlen(buf);
	if (buf[0] != '-' || n + 3 > size)
		return buf;
	memmove(buf + 3, buf + 1, n);  /* includes the NUL */
	memcpy(buf, "\xe2\x88\x92", 3);
	return buf;
}

char *itakit__chart_fmt_delta(const chart_ctx *ctx, char *buf, size_t size, double v)
{
	itakit_format_number(buf, size, v, 2, ctx->digits, true);
	return true_minus(buf, size);
}

char *itakit__chart_fmt_int(const chart_ctx *ctx, char *buf, size_t size, long v)
{
	itakit_format_int(buf, size, v, ctx->digits);
	return true_minus(buf, size);
}

char *itakit__chart_fmt_year(const chart_ctx *ctx, char *buf, size_t size, int be)
{
	return itakit__chart_fmt_int(ctx, buf, size, ctx->en ? be - 543 : be);
}

char *itakit__chart_fmt_years(const chart_ctx *ctx, char *buf, size_t size, int from, int to)
{
	char a[32], b[32];
	itakit__chart_fmt_year(ctx, a, sizeof a, from);
	itakit__chart_fmt_year(ctx, b, sizeof b, to);
	if (ctx->en) {
		/* the year the English text uses first, the Thai one beside it */
		if (from == to)
			itakit__chart_fmt(buf, size, "Fiscal year %s (B.E. %d)", a, from);
		else
			itakit__chart_fmt(buf, size, "Fiscal years %s\xe2\x80\x93%s (B.E. %d\xe2\x80\x93%d)",
				 a, b, from, to);
	} else if (from == to) {
		itakit__chart_fmt(buf, size, "ปีงบประมาณ พ.ศ. %s", a);
	} else {
		itakit__chart_fmt(buf, size, "ปีงบประมาณ พ.ศ. %s\xe2\x80\x93%s", a, b);
	}
	return buf;
}


/* --- names --- */

char *itakit__chart_indicator_label(const chart_ctx *ctx, char *buf, size_t size,
			    const itakit_framework_era *era, size_t i)
{
	char code[16];
	itakit__chart_fmt_int(ctx, code, sizeof code, era->indicators[i].code);
	const char *name = ctx->en ? era->indicators[i].name_en : era->indicators[i].name_th;
	if (!name)
		name = era->indicators[i].name_th ? era->indicators[i].name_th : "";
	itakit__chart_fmt(buf, size, "%s. %s", code, name);
	/* English names are kept in lower case in the framework: capitalise. */
	char *first = strchr(buf, ' ');
	if (ctx->en && first && first[1] >= 'a' && first[1] <= 'z')
		first[1] = (char)(first[1] - 'a' + 'A');
	return buf;
}

const char *itakit__chart_unit_name(const itakit_unit_analysis *ua)
{
	return ua && ua->unit && ua->unit->name ? ua->unit->name : "";
}

const itakit_framework_era *itakit__chart_era(const chart_ctx *ctx, const itakit_year_analysis *ya, int year)
{
	if (ya && ya->era)
		return ya->era;
	return ctx->data->fw ? itakit_framework_era_nearest(ctx->data->fw, year) : NULL;
}

/* --- title, legend, message --- */

void itakit__chart_title(chart_ctx *ctx, chart_box *box, const char *title, const char *subtitle)
{
	if (ctx->opt.no_title)
		return;
	chart_text t = itakit__chart_text_at(ctx->fs_title);
	t.bold = true;
	t.wrap = box->w;
	t.max_lines = 2;
	double h;
	itakit__chart_text_draw(ctx, &t, title, box->x, box->y, NULL, &h);
	double used = h;
	if (subtitle && *subtitle) {
		chart_text s = itakit__chart_text_at(ctx->fs_subtitle);
		s.color = itakit__chart_muted;
		s.wrap = box->w;
		s.max_lines = 2;
		itakit__chart_text_draw(ctx, &s, subtitle, box->x, box->y + used, NULL, &h);
		used += h;
	}
	used += ctx->fs_label * 0.6;
	box->y += used;
	box->h -= used;
}

double itakit__chart_title_height_estimate(const chart_ctx *ctx)
{
	if (ctx->opt.no_title)
		return 0;
	/* Thai line height is about 1.6 times the size (stacked marks) */
	return ctx->fs_title * 1.6 + ctx->fs_subtitle * 1.6 + ctx->fs_label * 0.6;
}

void itakit__chart_key_swatch(chart_ctx *ctx, const chart_key *k, double x, double y, double s)
{
	cairo_t *cr = ctx->cr;
	cairo_save(cr);
	switch (k->style) {
	case CHART_KEY_FILL:
	case CHART_KEY_HATCH:
		itakit__chart_bar(ctx, x, y + s * 0.1, s, s * 0.8, k->color, k->style == CHART_KEY_HATCH);
		break;
	case CHART_KEY_NONE:
		break;
	case CHART_KEY_DOT:
	case CHART_KEY_RING:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x + s / 2, y + s / 2, s * 0.28, 0, 2 * M_PI);
		itakit__chart_set_rgb(cr, k->style == CHART_KEY_DOT ? k->color : itakit__chart_white);
		cairo_fill_preserve(cr);
		itakit__chart_set_rgb(cr, k->color);
		cairo_set_line_width(cr, 1.0);
		cairo_stroke(cr);
		break;
	case CHART_KEY_BAND:
		cairo_set_source_rgba(cr, k->color.r, k->color.g, k->color.b, 0.25);
		cairo_rectangle(cr, x, y + s * 0.2, s * 1.6, s * 0.6);
		cairo_fill(cr);
		break;
	case CHART_KEY_LINE:
	case CHART_KEY_POINT:
	case CHART_KEY_POINT_SQUARE:
	case CHART_KEY_DASH:
		itakit__chart_set_rgb(cr, k->color);
		cairo_set_line_width(cr, k->style == CHART_KEY_DASH ? 1.0 : 1.8);
		if (k->style == CHART_KEY_DASH) {
			/* the threshold's 4-on 3-off look, fitted to three whole
			 * dashes so no stub touches the label */
			double d[] = {s * 1.6 * 4 / 18, s * 1.6 * 3 / 18};
			cairo_set_dash(cr, d, 2, 0);
		}
		cairo_move_to(cr, x, y + s / 2);
		cairo_line_to(cr, x + s * 1.6, y + s / 2);
		cairo_stroke(cr);
		if (k->style == CHART_KEY_POINT) {
			cairo_arc(cr, x + s * 0.8, y + s / 2, s * 0.22, 0, 2 * M_PI);
			cairo_fill(cr);
		} else if (k->style == CHART_KEY_POINT_SQUARE) {
			cairo_rectangle(cr, x + s * 0.58, y + s * 0.28, s * 0.44, s * 0.44);
			cairo_fill(cr);
		}
		break;
	}
	cairo_restore(cr);
}

static double swatch_width(const chart_key *k, double s)
{
	if (k->style == CHART_KEY_NONE)
		return 0;
	return k->style == CHART_KEY_FILL || k->style == CHART_KEY_HATCH || k->style == CHART_KEY_DOT ||
	       k->style == CHART_KEY_RING ? s : s * 1.6;
}

/* Lays the legend out in rows; draws when draw is true. Returns its height. */
static double legend_layout(chart_ctx *ctx, double x, double y, double width,
			    const chart_key *keys, size_t n, bool draw)
{
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	double s = ctx->fs_small, gap = s * 0.4, spacing = s * 1.4;
	double line_h = s * 1.5, height = 0;
	size_t i = 0;
	while (i < n) {
		/* take as many keys as fit on this row */
		double row_w = 0, widths[16];
		size_t j = i;
		for (; j < n && j - i < 16; j++) {
			double tw;
			itakit__chart_text_measure(ctx, &t, keys[j].label, &tw, NULL);
			widths[j - i] = swatch_width(&keys[j], s) + (keys[j].style == CHART_KEY_NONE ? 0 : gap) + tw;
			double add = widths[j - i] + (j > i ? spacing : 0);
			if (j > i && row_w + add > width)
				break;
			row_w += add;
		}
		if (draw) {
			double cx = x + (width - row_w) / 2;
			for (size_t k = i; k < j; k++) {
				double th;
				itakit__chart_text_measure(ctx, &t, keys[k].label, NULL, &th);
				double sy = y + height + (line_h - s) / 2;
				itakit__chart_key_swatch(ctx, &keys[k], cx, sy, s);
				double sw = swatch_width(&keys[k], s);
				chart_text lt = t;
				lt.valign = CHART_MIDDLE;
				itakit__chart_text_draw(ctx, &lt, keys[k].label, cx + sw + (sw > 0 ? gap : 0), sy + s / 2,
						NULL, NULL);
				cx += widths[k - i] + spacing;
			}
		}
		height += line_h;
		i = j;
	}
	return height;
}

double itakit__chart_legend_height(chart_ctx *ctx, double width, const chart_key *keys, size_t n)
{
	return n ? legend_layout(ctx, 0, 0, width, keys, n, false) + ctx->fs_small * 0.5 : 0;
}

void itakit__chart_legend(chart_ctx *ctx, chart_box *box, const chart_key *keys, size_t n)
{
	if (n == 0)
		return;
	double h = itakit__chart_legend_height(ctx, box->w, keys, n);
	legend_layout(ctx, box->x, box->y + box->h - h + ctx->fs_small * 0.5, box->w, keys, n, true);
	box->h -= h;
}

void itakit__chart_message(chart_ctx *ctx, const chart_box *box, const char *text)
{
	cairo_t *cr = ctx->cr;
	double w = fmin(box->w, fmax(box->w * 0.7, 200));
	chart_text t = itakit__chart_text_at(ctx->fs_label * 1.1);
	t.color = itakit__chart_muted;
	t.wrap = w - 2 * ctx->fs_label;
	t.halign = CHART_CENTER;
	double tw, th;
	itakit__chart_text_measure(ctx, &t, text, &tw, &th);
	double h = th + 2 * ctx->fs_label;
	double x = box->x + (box->w - w) / 2, y = box->y + (box->h - h) / 2;
	itakit__chart_set_rgb(cr, itakit__chart_panel);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill_preserve(cr);
	itakit__chart_set_rgb(cr, itakit__chart_grid);
	cairo_set_line_width(cr, 0.8);
	cairo_stroke(cr);
	t.valign = CHART_MIDDLE;
	itakit__chart_text_draw(ctx, &t, text, x + w / 2, y + h / 2, NULL, NULL);
}

/* --- scales and axes --- */

double itakit__chart_map(const chart_scale *s, double v)
{
	if (s->hi == s->lo)
		return s->p0;
	return s->p0 + (v - s->lo) / (s->hi - s->lo) * (s->p1 - s->p0);
}

void itakit__chart_score_scale(const chart_ctx *ctx, chart_scale *s, double min_v, double max_v)
{
	double lo = fmin(min_v, ctx->threshold);
	if (!isfinite(lo) || lo < 0)
		lo = 0;
	/* leave room under the lowest point, on a multiple of 10 */
	lo = floor((lo - 2.0) / 10.0) * 10.0;
	if (lo < 0)
		lo = 0;
	double hi = fmax(100.0, isfinite(max_v) ? max_v : 100.0);
	hi = ceil(hi / 10.0) * 10.0;
	s->lo = lo;
	s->hi = hi;
	double range = hi - lo;
	s->step = range <= 20 ? 5 : range <= 60 ? 10 : 20;
}

void itakit__chart_score_scale_fixed(chart_scale *s, double lo, double hi)
{
	s->lo = lo;
	s->hi = hi;
	double range = hi - lo;
	s->step = range <= 20 ? 5 : range <= 60 ? 10 : 20;
}

void itakit__chart_delta_scale(chart_scale *s, double max_abs)
{
	static const double steps[] = {0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50};
	if (!(max_abs > 0))
		max_abs = 1;
	double step = 50;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (max_abs / steps[i] <= 3.0) {
			step = steps[i];
			break;
		}
	}
	double m = ceil(max_abs / step - 1e-9) * step;
	s->lo = -m;
	s->hi = m;
	s->step = step;
}

bool itakit__chart_fixed_range(const chart_ctx *ctx, double *lo, double *hi)
{
	if (!ctx->fixed)
		return false;
	*lo = ctx->opt.scale_lo;
	*hi = ctx->opt.scale_hi;
	return true;
}

char *itakit__chart_tick_label(const chart_ctx *ctx, char *buf, size_t size, double v, double step, bool sign)
{
	int dec = fabs(step - round(step)) < 1e-9 ? 0 : fabs(step * 2 - round(step * 2)) < 1e-9 ? 1 : 2;
	itakit_format_number(buf, size, v, dec, ctx->digits, sign);
	return true_minus(buf, size);
}

double itakit__chart_axis_x_height(chart_ctx *ctx, bool with_title)
{
	return ctx->fs_small * 1.9 + (with_title ? ctx->fs_small * 1.6 : 0);
}

void itakit__chart_axis_x(chart_ctx *ctx, const chart_box *box, const chart_scale *s,
		  const char *title, bool signed_ticks)
{
	cairo_t *cr = ctx->cr;
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	t.color = itakit__chart_muted;
	t.halign = CHART_CENTER;
	cairo_save(cr);
	cairo_set_line_width(cr, 0.6);
	int n = (int)floor((s->hi - s->lo) / s->step + 1e-6);
	for (int k = 0; k <= n; k++) {
		double v = s->lo + k * s->step;
		double x = itakit__chart_map(s, v);
		itakit__chart_set_rgb(cr, itakit__chart_grid);
		cairo_move_to(cr, x, box->y);
		cairo_line_to(cr, x, box->y + box->h);
		cairo_stroke(cr);
		char buf[32];
		itakit__chart_tick_label(ctx, buf, sizeof buf, v, s->step, signed_ticks && v != 0);
		itakit__chart_text_draw(ctx, &t, buf, x, box->y + box->h + ctx->fs_small * 0.35, NULL, NULL);
	}
	itakit__chart_set_rgb(cr, itakit__chart_axis);
	cairo_move_to(cr, box->x, box->y + box->h);
	cairo_line_to(cr, box->x + box->w, box->y + box->h);
	cairo_stroke(cr);
	cairo_restore(cr);
	if (title) {
		chart_text tt = t;
		tt.color = itakit__chart_ink;
		itakit__chart_text_draw(ctx, &tt, title, (s->p0 + s->p1) / 2,
				box->y + box->h + ctx->fs_small * 1.9, NULL, NULL);
	}
}

double itakit__chart_axis_y_width(chart_ctx *ctx, const chart_scale *s, bool with_title)
{
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	char buf[32];
	double w;
	itakit__chart_tick_label(ctx, buf, sizeof buf, s->hi, s->step, false);
	itakit__chart_text_measure(ctx, &t, buf, &w, NULL);
	return w + ctx->fs_small * 0.6 + (with_title ? ctx->fs_small * 1.7 : 0);
}

void itakit__chart_axis_y(chart_ctx *ctx, const chart_box *box, const chart_scale *s, const char *title)
{
	cairo_t *cr = ctx->cr;
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	t.color = itakit__chart_muted;
	t.halign = CHART_RIGHT;
	t.valign = CHART_MIDDLE;
	cairo_save(cr);
	cairo_set_line_width(cr, 0.6);
	int n = (int)floor((s->hi - s->lo) / s->step + 1e-6);
	for (int k = 0; k <= n; k++) {
		double v = s->lo + k * s->step;
		double y = itakit__chart_map(s, v);
		itakit__chart_set_rgb(cr, k == 0 ? itakit__chart_axis : itakit__chart_grid);
		cairo_move_to(cr, box->x, y);
		cairo_line_to(cr, box->x + box->w, y);
		cairo_stroke(cr);
		char buf[32];
		itakit__chart_tick_label(ctx, buf, sizeof buf, v, s->step, false);
		itakit__chart_text_draw(ctx, &t, buf, box->x - ctx->fs_small * 0.4, y, NULL, NULL);
	}
	cairo_restore(cr);
	if (title) {
		chart_text tt = itakit__chart_text_at(ctx->fs_small);
		tt.vertical = true;
		tt.valign = CHART_MIDDLE;
		itakit__chart_text_draw(ctx, &tt, title, box->x - itakit__chart_axis_y_width(ctx, s, true),
				(s->p0 + s->p1) / 2, NULL, NULL);
	}
}

char *itakit__chart_threshold_text(const chart_ctx *ctx, char *buf, size_t size)
{
	char v[32];
	itakit__chart_fmt_score(ctx, v, sizeof v, ctx->threshold);
	/* "เกณฑ์" is the pass line; a --threshold off it is only the flag line */
	if (fabs(ctx->threshold - ctx->pass_line) < 1e-9)
		itakit__chart_fmt(buf, size, ctx->en ? "threshold %s" : "เกณฑ์ %s", v);
	else
		itakit__chart_fmt(buf, size, ctx->en ? "flag line %s" : "เส้นเฝ้าระวัง %s", v);
	return buf;
}

static void dashed(cairo_t *cr)
{
	double d[] = {4, 3};
	cairo_set_dash(cr, d, 2, 0);
	cairo_set_line_width(cr, 1.0);
	itakit__chart_set_rgb(cr, itakit__chart_ink);
}

void itakit__chart_threshold_v(chart_ctx *ctx, const chart_box *box, double x, bool label)
{
	cairo_t *cr = ctx->cr;
	cairo_save(cr);
	dashed(cr);
	cairo_move_to(cr, x, box->y);
	cairo_line_to(cr, x, box->y + box->h);
	cairo_stroke(cr);
	cairo_restore(cr);
	itakit__chart_trace_box(ctx, CHART_TRACE_THRESHOLD, NULL, 0, x, box->y, x, box->y + box->h);
	if (label) {
		char buf[64];
		chart_text t = itakit__chart_text_at(ctx->fs_small);
		t.halign = CHART_CENTER;
		t.valign = CHART_BOTTOM;
		t.halo = true;
		itakit__chart_text_draw(ctx, &t, itakit__chart_threshold_text(ctx, buf, sizeof buf), x, box->y, NULL, NULL);
	}
}

void itakit__chart_threshold_h(chart_ctx *ctx, const chart_box *box, double y, bool label)
{
	cairo_t *cr = ctx->cr;
	cairo_save(cr);
	dashed(cr);
	cairo_move_to(cr, box->x, y);
	cairo_line_to(cr, box->x + box->w, y);
	cairo_stroke(cr);
	cairo_restore(cr);
	itakit__chart_trace_box(ctx, CHART_TRACE_THRESHOLD, NULL, 0, box->x, y, box->x + box->w, y);
	if (label) {
		char buf[64];
		chart_text t = itakit__chart_text_at(ctx->fs_small);
		t.halign = CHART_LEFT;
		t.valign = CHART_MIDDLE;
		t.halo = true;
		itakit__chart_text_draw(ctx, &t, itakit__chart_threshold_text(ctx, buf, sizeof buf),
				box->x + box->w + ctx->fs_small * 0.3, y, NULL, NULL);
	}
}

void itakit__chart_bar(chart_ctx *ctx, double x, double y, double w, double h, chart_rgb fill, bool hatch)
{
	cairo_t *cr = ctx->cr;
	if (w < 0) {
		x += w;
		w = -w;
	}
	if (w <= 0 || h <= 0)
		return;
	cairo_save(cr);
	itakit__chart_set_rgb(cr, fill);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
	if (hatch) {
		/* Diagonal white lines: the mark survives grey printing. */
		cairo_rectangle(cr, x, y, w, h);
		cairo_clip(cr);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.55);
		cairo_set_line_width(cr, 0.9);
		double step = 3.6;
		for (double d = -h; d < w; d += step) {
			cairo_move_to(cr, x + d, y + h);
			cairo_line_to(cr, x + d + h, y);
		}
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* --- label column --- */

void itakit__chart_labels_fit(chart_ctx *ctx, chart_labels *out, const char *const *labels, size_t n,
		      double max_w, double row_h, double size)
{
	chart_text t = itakit__chart_text_at(size);
	t.halign = CHART_RIGHT;
	t.valign = CHART_MIDDLE;
	for (double f = 1.0; f >= 0.8 - 1e-9; f -= 0.05) {
		t.size = size * f;
		double line_h;
		itakit__chart_text_measure(ctx, &t, "ปี่", NULL, &line_h);
		t.max_lines = row_h >= line_h ? (int)floor(row_h / (line_h * 0.98)) : 1;
		if (t.max_lines > 3)
			t.max_lines = 3;
		/* fits when every label's natural width is within max_w, or
		 * wraps within the lines the row has */
		bool fits = true;
		double widest = 0;
		for (size_t i = 0; i < n && fits; i++) {
			chart_text one = t;
			one.wrap = 0;
			one.max_lines = 0;
			double w;
			itakit__chart_text_measure(ctx, &one, labels[i], &w, NULL);
			if (w > max_w) {
				one.wrap = max_w;
				double h;
				itakit__chart_text_measure(ctx, &one, labels[i], NULL, &h);
				fits = h <= t.max_lines * line_h * 1.02;
				w = max_w;
			}
			widest = fmax(widest, w);
		}
		out->width = widest;
		if (fits)
			break;
	}
	t.wrap = out->width > 0 ? out->width + 0.5 : max_w;
	out->text = t;
}

void itakit__chart_labels_draw(chart_ctx *ctx, const chart_labels *l, const char *label,
		       double x_right, double y_mid)
{
	itakit__chart_text_draw(ctx, &l->text, label, x_right, y_mid, NULL, NULL);
}

/* --- horizontal rows --- */

void itakit__chart_legend_pass_flag(chart_ctx *ctx, chart_box *box, chart_key_style pass_style, chart_rgb ok,
			    chart_key_style flag_style)
{
	char thr[32], flag[96], pass[96];
	itakit__chart_fmt_score(ctx, thr, sizeof thr, ctx->threshold);
	itakit__chart_fmt(pass, sizeof pass, ctx->en ? "%s or above" : "ตั้งแต่ %s ขึ้นไป", thr);
	itakit__chart_fmt(flag, sizeof flag, ctx->en ? "below %s" : "ต่ำกว่า %s", thr);
	chart_key keys[2] = {{pass_style, ok, pass}, {flag_style, itakit__chart_vermillion, flag}};
	itakit__chart_legend(ctx, box, keys, 2);
}

void itakit__chart_legend_all_same(chart_ctx *ctx, chart_box *box, bool below, chart_key_style style)
{
	char thr[32], label[128];
	itakit__chart_fmt_score(ctx, thr, sizeof thr, ctx->threshold);
	itakit__chart_fmt(label, sizeof label, below ? (ctx->en ? "every score below %s" : "ทุกคะแนนต่ำกว่า %s")
					     : (ctx->en ? "every score %s or above" : "ทุกคะแนนตั้งแต่ %s ขึ้นไป"), thr);
	chart_key key = {style, below ? itakit__chart_vermillion : itakit__chart_blue, label};
	itakit__chart_legend(ctx, box, &key, 1);
}

void itakit__chart_row_frame_fit(chart_ctx *ctx, chart_row_frame *f, chart_box area, const char *const *labels,
			  size_t n, double label_frac, double value_w, double top_pad)
{
	double axis_h = itakit__chart_axis_x_height(ctx, true);
	f->row_h = (area.h - axis_h - top_pad) / (double)(n ? n : 1);
	itakit__chart_labels_fit(ctx, &f->labels, labels, n, area.w * label_frac, f->row_h, ctx->fs_label);
	double gap = ctx->fs_label * 0.6;
	f->plot.x = area.x + f->labels.width + gap;
	f->plot.y = area.y + top_pad;
	f->plot.w = area.w - f->labels.width - gap - value_w;
	f->plot.h = area.h - axis_h - top_pad;
}

double itakit__chart_value_width(chart_ctx *ctx, const char *widest)
{
	chart_text t = itakit__chart_text_at(ctx->fs_value);
	double w;
	itakit__chart_text_measure(ctx, &t, widest, &w, NULL);
	return w + ctx->fs_value * 0.6;
}

void itakit__chart_bar_value_clear(chart_ctx *ctx, double x_right, double x_left, double y_mid, double v, bool bold,
			   double bar_h, double line_x)
{
	chart_text t = itakit__chart_text_at(fmin(ctx->fs_value, bar_h * 1.05));
	t.valign = CHART_MIDDLE;
	t.bold = bold;
	t.halo = true;
	char buf[32];
	itakit__chart_fmt_score(ctx, buf, sizeof buf, v);
	double w, pad = ctx->fs_value * 0.3, clear = 1.5;
	itakit__chart_text_measure(ctx, &t, buf, &w, NULL);
	double x = x_right + pad;
	if (isfinite(line_x) && line_x > x - clear && line_x < x + w + clear) {
		if (isfinite(x_left)) {  /* a dot: the other side of it */
			t.halign = CHART_RIGHT;
			x = x_left - pad;
		} else {                 /* a bar's end: past the line */
			x = line_x + clear + 0.5;
		}
	}
	itakit__chart_text_draw(ctx, &t, buf, x, y_mid, NULL, NULL);
}

void itakit__chart_no_data_note(chart_ctx *ctx, double x, double y_mid)
{
	chart_text t = itakit__chart_text_at(ctx->fs_small);
	t.color = itakit__chart_muted;
	t.valign = CHART_MIDDLE;
	itakit__chart_text_draw(ctx, &t, CHART_TR(ctx, "ไม่มีข้อมูล", "no data"), x + 2, y_mid, NULL, NULL);
}

void itakit__chart_delta_value(chart_ctx *ctx, double x, double y_mid, double dv, bool left, bool bold)
{
	chart_text t = itakit__chart_text_at(ctx->fs_value);
	t.valign = CHART_MIDDLE;
	t.bold = bold;
	t.halign = left ? CHART_RIGHT : CHART_LEFT;
	char buf[32];
	itakit__chart_text_draw(ctx, &t, itakit__chart_fmt_delta(ctx, buf, sizeof buf, dv),
			x + (left ? -1 : 1) * ctx->fs_value * 0.3, y_mid, NULL, NULL);
}

/* --- units --- */

static int row_cmp(const void *a, const void *b)
{
	const chart_row *x = a, *y = b;
	double vx = x->ya->overall.rounded, vy = y->ya->overall.rounded;
	if (vx != vy)
		return vx > vy ? -1 : 1;
	return strcmp(itakit__chart_unit_name(x->ua), itakit__chart_unit_name(y->ua));
}

typedef struct {
	const itakit_unit *unit;
	int rank;
} unit_rank;

static int unit_rank_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const unit_rank *)a)->unit, y = (uintptr_t)((const unit_rank *)b)->unit;
	return (x > y) - (x < y);
}

int itakit__chart_rows_by_overall(const chart_ctx *ctx, int year, chart_row **rows, size_t *n)
{
	const itakit_chart_data *d = ctx->data;
	*rows = NULL;
	*n = 0;
	chart_row *r = calloc(d->n_units ? d->n_units : 1, sizeof *r);
	if (!r)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	size_t k = 0;
	for (size_t i = 0; i < d->n_units; i++) {
		const itakit_year_analysis *ya = itakit_unit_analysis_year(&d->units[i], year);
		if (ya && ya->overall.known && isfinite(ya->overall.value)) {
			r[k].ua = &d->units[i];
			r[k].ya = ya;
			k++;
		}
	}
	qsort(r, k, sizeof *r, row_cmp);
	for (size_t i = 0; i < k; i++) {
		bool tie = i > 0 && r[i].ya->overall.rounded == r[i - 1].ya->overall.rounded;
		r[i].rank = tie ? r[i - 1].rank : (int)i + 1;
	}
	/* A slice of a cohort (the comparison report splits long rankings over
	 * several figures) keeps the cohort's ranks instead of restarting at 1. */
	const itakit_cohort *co = d->cohort;
	if (co && co->year == year && k < co->n_units) {
		/* by unit, so that each row finds its rank in log time (a national
		 * comparison draws hundreds of slices of 8,000 units) */
		unit_rank *by_unit = malloc(co->n_units * sizeof *by_unit);
		if (!by_unit) {
			free(r);
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		}
		for (size_t j = 0; j < co->n_units; j++)
			by_unit[j] = (unit_rank){co->ranking[j].ua->unit, co->ranking[j].rank};
		qsort(by_unit, co->n_units, sizeof *by_unit, unit_rank_cmp);
		for (size_t i = 0; i < k; i++) {
			unit_rank key = {r[i].ua->unit, 0};
			const unit_rank *hit = bsearch(&key, by_unit, co->n_units, sizeof *by_unit, unit_rank_cmp);
			if (hit)
				r[i].rank = hit->rank;
		}
		free(by_unit);
	}
	*rows = r;
	*n = k;
	return 0;
}

size_t itakit__chart_rows_elide(chart_row *rows, size_t n, chart_elision *e)
{
	e->total = n;
	e->gap_at = n;
	e->hidden = 0;
	if (n <= CHART_MAX_ROWS)
		return n;
	size_t half = CHART_MAX_ROWS / 2;
	e->gap_at = half;
	e->hidden = n - 2 * half;
	memmove(rows + half, rows + n - half, half * sizeof *rows);
	return 2 * half;
}

size_t itakit__chart_elision_slots(const chart_elision *e, size_t n_kept)
{
	return n_kept + (e->hidden ? 1 : 0);
}

double itakit__chart_elision_slot(const chart_elision *e, size_t i)
{
	return (double)i + (e->hidden && i >= e->gap_at ? 1.0 : 0.0);
}

void itakit__chart_gap_note(chart_ctx *ctx, const chart_elision *e, double x, double w, double y_mid, double size)
{
	if (!e->hidden)
		return;
	char cnt[32], a[32], b[32], buf[256];
	itakit__chart_fmt_int(ctx, cnt, sizeof cnt, (long)e->hidden);
	itakit__chart_fmt_int(ctx, a, sizeof a, (long)e->gap_at + 1);
	itakit__chart_fmt_int(ctx, b, sizeof b, (long)(e->gap_at + e->hidden));
	itakit__chart_fmt(buf, sizeof buf, ctx->en ? "\xe2\x8b\xaf %s more units (rows %s\xe2\x80\x93%s) are not drawn \xe2\x8b\xaf"
					  : "\xe2\x8b\xaf อีก %s หน่วยงาน (ลำดับที่ %s\xe2\x80\x93%s) ไม่ได้แสดงในแผนภูมินี้ \xe2\x8b\xaf",
		  cnt, a, b);
	chart_text t = itakit__chart_text_at(fmin(size, ctx->fs_small));
	t.halign = CHART_CENTER;
	t.valign = CHART_MIDDLE;
	t.color = itakit__chart_muted;
	t.wrap = w;
	t.max_lines = 1;
	t.halo = true;  /* reads over the grid and the threshold line */
	itakit__chart_text_draw(ctx, &t, buf, x + w / 2, y_mid, NULL, NULL);
}

int itakit__chart_multi_year(const chart_ctx *ctx)
{
	if (ctx->opt.year)
		return ctx->opt.year;
	if (ctx->data->cohort && ctx->data->cohort->year)
		return ctx->data->cohort->year;
	int best = 0;
	for (size_t i = 0; i < ctx->data->n_units; i++) {
		const itakit_unit_analysis *ua = &ctx->data->units[i];
		for (size_t j = 0; j < ua->n_years; j++)
			if (ua->years[j].overall.known && ua->years[j].year > best)
				best = ua->years[j].year;
	}
	return best;
}

int itakit__chart_unit_year(const chart_ctx *ctx, bool want_indicators)
{
	if (ctx->opt.year)
		return ctx->opt.year;
	const itakit_unit_analysis *ua = ctx->data->unit;
	for (size_t j = ua->n_years; j-- > 0;) {
		const itakit_year_analysis *ya = &ua->years[j];
		if (want_indicators ? ya->n_indicators_known > 0 : ya->overall.known)
			return ya->year;
	}
	return ua->n_years ? ua->years[ua->n_years - 1].year : 0;
}
