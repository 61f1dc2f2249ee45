/* Preparing, paginating and drawing the blocks of a document (tables are in
 * doc_table.c). See document.c for the overall flow. */
#include "render/doc_internal.h"
#include "itakit/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double BLACK[3] = {0, 0, 0};
static const double GREY[3] = {0.35, 0.35, 0.35};

/* Pango aborts on out of memory, so the layout state does too (g_renew):
 * there is no meaningful recovery half way through shaping. */

itakit_text_style itakit__doc_style(const itakit_document *doc, double size, bool bold)
{
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.family = doc->o.font_family;
	st.size = size > 0 ? size : doc->o.font_size;
	st.bold = bold;
	st.keep = &doc->keep;
	return st;
}

/* The first characters of text, for messages (never cuts a UTF-8 sequence). */
static void excerpt(char *buf, size_t size, const char *text)
{
	size_t n = 0, chars = 0;
	while (text[n] && chars < 40 && n + 4 < size - 4) {
		n++;
		while ((text[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	memcpy(buf, text, n);
	strcpy(buf + n, text[n] ? "..." : "");
}

int itakit__doc_tbox_add(doc_layout *L, doc_tbox *tb, const itakit_text_style *st, const char *text, double gap)
{
	PangoLayout *lay = itakit__text_layout(L->cr, st, text);
	int unknown = itakit__text_unknown_glyphs(lay);
	if (unknown > 0) {
		char ex[200];
		excerpt(ex, sizeof ex, text);
		g_object_unref(lay);
		return itakit_error_set(ITAKIT_ENOTFOUND,
			"no installed font can draw %d character%s of \"%s\" (font \"%s\")",
			unknown, unknown == 1 ? "" : "s", ex, st->family);
	}
	double off = tb->nlayouts ? tb->height + gap : 0;
	tb->layouts = g_renew(PangoLayout *, tb->layouts, tb->nlayouts + 1);
	tb->layouts[tb->nlayouts++] = lay;
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	do {
		int y0, y1;
		PangoRectangle logical;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		tb->lines = g_renew(doc_line, tb->lines, tb->nlines + 1);
		doc_line *ln = &tb->lines[tb->nlines++];
		ln->line = pango_layout_iter_get_line_readonly(it);
		ln->top = off + (double)y0 / PANGO_SCALE;
		ln->bottom = off + (double)y1 / PANGO_SCALE;
		ln->baseline = off + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		ln->x = (double)logical.x / PANGO_SCALE;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	double h;
	itakit__text_size(lay, NULL, &h);
	tb->height = off + h;
	return 0;
}

void itakit__doc_tbox_release(doc_tbox *tb)
{
	for (size_t i = 0; i < tb->nlayouts; i++)
		g_object_unref(tb->layouts[i]);
	g_free(tb->layouts);
	g_free(tb->lines);
	memset(tb, 0, sizeof *tb);
}

void itakit__doc_draw_lines(cairo_t *cr, const doc_tbox *tb, size_t a, size_t z, double x, double y,
		    const double rgb[3])
{
	if (a >= z)
		return;
	double base = tb->lines[a].top;
	cairo_save(cr);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	for (size_t i = a; i < z; i++) {
		cairo_move_to(cr, x + tb->lines[i].x, y + tb->lines[i].baseline - base);
		itakit__text_show_line(cr, tb->lines[i].line);
	}
	cairo_restore(cr);
}

doc_piece *itakit__doc_add_piece(doc_layout *L, doc_piece_kind kind, doc_block *b)
{
	if (L->npieces == L->cap) {
		L->cap = L->cap ? L->cap * 2 : 64;
		L->pieces = g_renew(doc_piece, L->pieces, L->cap);
	}
	doc_piece *p = &L->pieces[L->npieces++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->page = L->npages;
	p->b = b;
	p->x = L->left;
	p->y = L->y;
	return p;
}

void itakit__doc_new_page(doc_layout *L)
{
	L->npages++;
	L->y = L->top;
}

bool itakit__doc_at_top(const doc_layout *L)
{
	return L->y <= L->top + DOC_EPS;
}

double itakit__doc_fill(const doc_layout *L)
{
	return (L->y - L->top) / (L->bottom - L->top);
}

void itakit__doc_layout_init(doc_layout *L, itakit_document *doc, cairo_t *cr, cairo_surface_t *s)
{
	memset(L, 0, sizeof *L);
	L->doc = doc;
	L->cr = cr;
	L->surface = s;
	L->top = doc->o.margin_top;
	L->bottom = doc->o.page_height - doc->o.margin_bottom;
	L->left = doc->o.margin_left;
	L->width = doc->o.page_width - doc->o.margin_left - doc->o.margin_right;
}

void itakit__doc_layout_release(doc_layout *L)
{
	for (size_t i = 0; i < L->doc->nblocks; i++) {
		doc_block *b = &L->doc->blocks[i];
		itakit__doc_tbox_release(&b->tb);
		itakit__doc_tbox_release(&b->marker);
		itakit__doc_tbox_release(&b->cont);
		if (b->kind == DOC_TABLE)
			itakit__doc_table_release_layout(b);
	}
	g_free(L->pieces);
	L->pieces = NULL;
	L->npieces = L->cap = 0;
	if (L->header)
		g_object_unref(L->header);
	L->header = NULL;
}

/* ---- prepare -------------------------------------------------------------- */

int itakit__doc_caption_box(doc_layout *L, doc_block *b, const char *word_th, const char *word_en,
		       itakit_align align)
{
	const itakit_document *doc = L->doc;
	char num[32];
	itakit_format_int(num, sizeof num, b->number, doc->o.digits);
	char *esc = g_markup_escape_text(b->caption, -1);
	/* The label is bold, the caption itself regular, as in printed reports. */
	char *markup = g_strdup_printf("<b>%s %s</b>  %s",
				       doc->o.lang == ITAKIT_LANG_EN ? word_en : word_th, num, esc);
	itakit_text_style st = itakit__doc_style(doc, 0, false);
	st.markup = true;
	st.width = L->width;
	st.align = align;
	int rc = itakit__doc_tbox_add(L, &b->tb, &st, markup, 0);
	g_free(markup);
	g_free(esc);
	return rc;
}

/* Thai text is justified (itakit__text_justify: the slack shared by every
 * gap between clusters); an English document is set ragged right
 * throughout, since the same spreading visibly letter-spaces Latin words.
 * Either way one method for the whole document. */
static bool justify_lang(const itakit_document *doc)
{
	return doc->o.lang == ITAKIT_LANG_TH;
}

static int prepare_block(doc_layout *L, doc_block *b)
{
	const itakit_document *doc = L->doc;
	const double fs = doc->o.font_size;
	itakit_text_style st;
	b->x = L->left;
	switch (b->kind) {
	case DOC_HEADING:
		st = itakit__doc_style(doc, fs * (b->level == 1 ? 1.25 : 1.125), true);
		st.width = L->width;
		b->space_before = fs * (b->level == 1 ? 0.75 : 0.5);
		b->space_after = fs * 0.25;
		if (b->label) {
			/* wrapped lines of a numbered heading align after its number */
			char *label = g_strdup_printf("%s ", b->label);
			char *text = g_strdup_printf("%s%s", label, b->text);
			double lw;
			itakit_text_style ls = st;
			ls.width = 0;
			itakit__text_measure(L->cr, &ls, label, &lw, NULL);
			g_free(label);
			st.indent = -lw;
			int rc = itakit__doc_tbox_add(L, &b->tb, &st, text, 0);
			g_free(text);
			return rc;
		}
		return itakit__doc_tbox_add(L, &b->tb, &st, b->text, 0);
	case DOC_PARAGRAPH: {
		const itakit_paragraph_style *ps = &b->ps;
		st = itakit__doc_style(doc, ps->size, ps->bold);
		st.width = L->width - ps->left_indent;
		st.align = ps->align;
		st.justify = ps->justify && justify_lang(doc);
		st.markup = ps->markup;
		st.indent = ps->first_indent;
		b->x = L->left + ps->left_indent;
		b->space_after = ps->space_after < 0 ? fs * 0.5 : ps->space_after;
		return itakit__doc_tbox_add(L, &b->tb, &st, b->text, 0);
	}
	case DOC_ITEM: {
		/* The marker hangs in a fixed-width column, so the text of every
		 * item of a list starts at the same place. */
		double indent = b->level * fs * 1.5;
		double hang = b->list_kind == ITAKIT_LIST_NUMBER ? fs * 1.5 : fs * 1.0;
		char marker[32];
		if (b->list_kind == ITAKIT_LIST_NUMBER) {
			itakit_format_int(marker, sizeof marker, b->number, doc->o.digits);
			strcat(marker, ".");
		} else {
			strcpy(marker, b->level == 0 ? "\u2022" : "-");
		}
		st = itakit__doc_style(doc, 0, false);
		int rc = itakit__doc_tbox_add(L, &b->marker, &st, marker, 0);
		if (rc)
			return rc;
		st.width = L->width - indent - hang;
		st.justify = justify_lang(doc);
		b->x = L->left + indent + hang;
		b->w = indent; /* the marker's x, from the left margin */
		b->space_after = fs * 0.2;
		return itakit__doc_tbox_add(L, &b->tb, &st, b->text, 0);
	}
	case DOC_TABLE:
		b->space_before = fs * 0.25;
		b->space_after = fs * 0.75;
		return itakit__doc_table_prepare(L, b);
	case DOC_FIGURE:
		b->fh = b->h;
		if (b->w <= 0 || b->w > L->width)
			b->w = L->width;
		b->x = L->left + (L->width - b->w) / 2;
		b->space_before = fs * 0.25;
		b->space_after = fs * 0.75;
		return b->caption ? itakit__doc_caption_box(L, b, "แผนภูมิที่", "Figure", ITAKIT_ALIGN_CENTER) : 0;
	case DOC_IMAGE:
		b->fh = b->h;
		b->x = L->left + (b->align == ITAKIT_ALIGN_CENTER ? (L->width - b->w) / 2 :
				  b->align == ITAKIT_ALIGN_RIGHT ? L->width - b->w : 0);
		b->space_after = fs * 0.5;
		return 0;
	case DOC_SPACER:
	case DOC_PAGE_BREAK:
		return 0;
	}
	return 0;
}

int itakit__doc_prepare(doc_layout *L)
{
	for (size_t i = 0; i < L->doc->nblocks; i++) {
		int rc = prepare_block(L, &L->doc->blocks[i]);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- paginate ------------------------------------------------------------ */

/* The rules, as a reviewing officer checks them:
 *   - a heading stays on the page of the first two lines of what follows
 *     (all of a paragraph of up to three lines; a table's caption, header
 *     and first rows; a whole figure);
 *   - a caption stays with its figure or table;
 *   - a table starts on a page only where its header and three body rows
 *     (all of them when it has fewer) fit; a row that fits on a page is
 *     never split, except a tall one (a third of a page or more) that
 *     would otherwise leave the page under DOC_MIN_FILL; a split row says
 *     that it goes on (doc_table.c);
 *   - no paragraph leaves one line alone at the foot or the top of a page;
 *   - sections do not start pages; only itakit__document_page_break does;
 *   - a page other than the last is filled to DOC_MIN_FILL at least: a
 *     figure that does not fit the rest of a page is shrunk (to
 *     FIG_MIN_SCALE of its height) or, failing that, placed after the text
 *     that follows it, up to the next heading. */

#define FIG_MIN_SCALE 0.7
#define MAX_FLOAT 4 /* blocks a figure may let pass before it */

/* Height of the first lines of tb that may stand alone at a page's foot. */
static double first_lines(const doc_tbox *tb, size_t n)
{
	if (tb->nlines == 0)
		return 0;
	if (tb->nlines <= 3 || n >= tb->nlines)
		return tb->height;
	return tb->lines[n - 1].bottom - tb->lines[0].top;
}

static double figure_height(const doc_layout *L, const doc_block *b, double h)
{
	return h + (b->tb.nlines ? L->doc->o.font_size * 0.25 + b->tb.height : 0);
}

/* Least height the block needs at the foot of a page so that what comes
 * before it may stay there (keep-with-next). */
static double min_height(const doc_layout *L, size_t i, int depth)
{
	if (i >= L->doc->nblocks || depth > 8)
		return 0;
	const doc_block *b = &L->doc->blocks[i];
	switch (b->kind) {
	case DOC_HEADING:
		return b->space_before + b->tb.height + b->space_after + min_height(L, i + 1, depth + 1);
	case DOC_PARAGRAPH:
		if (b->ps.keep_with_next)
			return b->tb.height + b->space_after + min_height(L, i + 1, depth + 1);
		return first_lines(&b->tb, 2);
	case DOC_ITEM:
		return first_lines(&b->tb, 2);
	case DOC_TABLE:
		return b->space_before + itakit__doc_table_min_height(L, b);
	case DOC_FIGURE:
		return b->space_before + figure_height(L, b, b->h * FIG_MIN_SCALE);
	case DOC_IMAGE:
		return b->h;
	default:
		return 0;
	}
}

/* Places lines of tb from the current position, breaking between lines
 * with at least two lines on each side of a break. */
static void place_lines(doc_layout *L, doc_block *b, const doc_tbox *tb, double x, bool outline,
			bool marker)
{
	size_t n = tb->nlines, a = 0;
	while (a < n) {
		double base = tb->lines[a].top, avail = L->bottom - L->y;
		size_t k = a;
		while (k < n && tb->lines[k].bottom - base <= avail + DOC_EPS)
			k++;
		size_t fit = k - a, rest = n - a;
		if (fit < rest) {
			if (rest - fit < 2)
				fit = rest >= 2 ? rest - 2 : 0; /* no widow */
			if (fit < 2)
				fit = 0;                        /* no orphan */
			if (fit == 0) {
				if (!itakit__doc_at_top(L)) {
					itakit__doc_new_page(L);
					continue;
				}
				fit = k - a > 0 ? k - a : 1; /* a page cannot hold two lines */
			}
		}
		doc_piece *p = itakit__doc_add_piece(L, PIECE_LINES, b);
		p->x = x;
		p->tb = tb;
		p->a = a;
		p->z = a + fit;
		p->outline = outline && a == 0;
		p->marker = marker && a == 0;
		L->y += tb->lines[a + fit - 1].bottom - base;
		a += fit;
		if (a < n)
			itakit__doc_new_page(L);
	}
}

static void space(doc_layout *L, double h)
{
	if (!itakit__doc_at_top(L))
		L->y += h;
}

static void place_figure(doc_layout *L, doc_block *b)
{
	space(L, b->space_before);
	doc_piece *p = itakit__doc_add_piece(L, b->kind == DOC_FIGURE ? PIECE_FIGURE : PIECE_IMAGE, b);
	p->x = b->x;
	p->h = b->fh;
	L->y += b->fh;
	if (b->tb.nlines) {
		L->y += L->doc->o.font_size * 0.25;
		place_lines(L, b, &b->tb, L->left, false, false);
	}
	L->y += b->space_after;
}

static void paginate_block(doc_layout *L, size_t i)
{
	doc_block *b = &L->doc->blocks[i];
	switch (b->kind) {
	case DOC_HEADING: {
		double need = b->space_before + b->tb.height + b->space_after + min_height(L, i + 1, 0);
		if (!itakit__doc_at_top(L) && L->y + need > L->bottom + DOC_EPS)
			itakit__doc_new_page(L);
		space(L, b->space_before);
		place_lines(L, b, &b->tb, b->x, true, false);
		L->y += b->space_after;
		break;
	}
	case DOC_PARAGRAPH:
	case DOC_ITEM:
		if (b->kind == DOC_PARAGRAPH && b->ps.keep_with_next) {
			double need = b->tb.height + b->space_after + min_height(L, i + 1, 0);
			if (!itakit__doc_at_top(L) && L->y + need > L->bottom + DOC_EPS)
				itakit__doc_new_page(L);
		}
		place_lines(L, b, &b->tb, b->x, false, b->kind == DOC_ITEM);
		L->y += b->space_after;
		break;
	case DOC_TABLE:
		space(L, b->space_before);
		itakit__doc_table_paginate(L, b);
		L->y += b->space_after;
		break;
	case DOC_FIGURE:
	case DOC_IMAGE:
		if (!itakit__doc_at_top(L) && L->y + b->space_before + figure_height(L, b, b->fh) > L->bottom + DOC_EPS)
			itakit__doc_new_page(L);
		place_figure(L, b);
		break;
	case DOC_SPACER:
		if (L->y + b->h > L->bottom)
			itakit__doc_new_page(L);
		else
			space(L, b->h);
		break;
	case DOC_PAGE_BREAK:
		if (!itakit__doc_at_top(L))
			itakit__doc_new_page(L);
		break;
	}
}

/* A figure that does not fit the rest of the page: shrunk to fit when it
 * can be, so the page is not left part empty. Returns whether it now fits. */
static bool shrink_to_fit(doc_layout *L, doc_block *b)
{
	double room = L->bottom - L->y - b->space_before - figure_height(L, b, 0);
	if (b->kind != DOC_FIGURE || room < b->h * FIG_MIN_SCALE - DOC_EPS)
		return false;
	b->fh = room < b->h ? room : b->h;
	return true;
}

/* Whether block j may be placed before a figure that waits for the next
 * page: text and tables of the same section. */
static bool may_pass(const doc_block *b)
{
	return b->kind == DOC_PARAGRAPH ? !b->ps.keep_with_next :
	       b->kind == DOC_ITEM || b->kind == DOC_TABLE;
}

int itakit__doc_paginate(doc_layout *L)
{
	L->npages = 0;
	itakit__doc_new_page(L);
	size_t n = L->doc->nblocks;
	size_t *order = g_new(size_t, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	int floated = 0;
	for (size_t k = 0; k < n; k++) {
		doc_block *b = &L->doc->blocks[order[k]];
		if ((b->kind == DOC_FIGURE || b->kind == DOC_IMAGE) && !itakit__doc_at_top(L) &&
		    L->y + b->space_before + figure_height(L, b, b->fh) > L->bottom + DOC_EPS &&
		    !shrink_to_fit(L, b) && itakit__doc_fill(L) < DOC_MIN_FILL && floated < MAX_FLOAT &&
		    k + 1 < n && may_pass(&L->doc->blocks[order[k + 1]])) {
			/* the text after the figure fills this page first */
			size_t t = order[k];
			order[k] = order[k + 1];
			order[k + 1] = t;
			floated++;
			k--;
			continue;
		}
		if (b->kind == DOC_FIGURE || b->kind == DOC_IMAGE)
			floated = 0;
		paginate_block(L, order[k]);
	}
	g_free(order);
	return 0;
}

/* ---- draw ----------------------------------------------------------------- */

static itakit_text_style centered_style(const doc_layout *L, double size, const double rgb[3])
{
	itakit_text_style st = itakit__doc_style(L->doc, size, false);
	st.width = L->width;
	st.align = ITAKIT_ALIGN_CENTER;
	st.color[0] = rgb[0];
	st.color[1] = rgb[1];
	st.color[2] = rgb[2];
	return st;
}

static void draw_centered_layout(doc_layout *L, PangoLayout *lay, const itakit_text_style *st, double center_y)
{
	double h;
	itakit__text_size(lay, NULL, &h);
	itakit__text_draw(L->cr, lay, st, L->left, center_y - h / 2);
}

static void draw_centered(doc_layout *L, const char *text, double size, double center_y,
			  const double rgb[3])
{
	itakit_text_style st = centered_style(L, size, rgb);
	PangoLayout *lay = itakit__text_layout(L->cr, &st, text);
	draw_centered_layout(L, lay, &st, center_y);
	g_object_unref(lay);
}

static void draw_page_frame(doc_layout *L, int page)
{
	const itakit_document_options *o = &L->doc->o;
	double small = o->font_size * 0.875;
	itakit_page_numbers style = o->page_numbers;
	if (style == ITAKIT_PAGE_NUMBERS_AUTO)
		style = o->lang == ITAKIT_LANG_TH ? ITAKIT_PAGE_NUMBERS_TOP : ITAKIT_PAGE_NUMBERS_FOOTER;
	bool top = style == ITAKIT_PAGE_NUMBERS_TOP;
	/* the top centre belongs to the page number in the Thai style: the
	 * running header then goes to the foot */
	if (o->running_header && *o->running_header && (page > 1 || o->running_header_on_first_page)) {
		/* the same text on every page: laid out once */
		itakit_text_style st = centered_style(L, small, GREY);
		if (!L->header)
			L->header = itakit__text_layout(L->cr, &st, o->running_header);
		draw_centered_layout(L, L->header, &st,
				     top ? o->page_height - o->margin_bottom / 2 : o->margin_top / 2);
	}
	if (top && page > 1) {
		char x[32], text[64];
		itakit_format_int(x, sizeof x, page, o->digits);
		snprintf(text, sizeof text, "- %s -", x);
		draw_centered(L, text, o->font_size, o->margin_top / 2, BLACK);
	}
	if (style == ITAKIT_PAGE_NUMBERS_FOOTER) {
		char x[32], y[32], text[128];
		itakit_format_int(x, sizeof x, page, o->digits);
		itakit_format_int(y, sizeof y, L->npages, o->digits);
		snprintf(text, sizeof text, o->lang == ITAKIT_LANG_EN ? "Page %s of %s" : "หน้า %s จาก %s", x, y);
		draw_centered(L, text, small, o->page_height - o->margin_bottom / 2, BLACK);
	}
}

/* The outline entry of a heading, linking to where it is drawn. */
static void add_outline(doc_layout *L, const doc_piece *p, int *parent)
{
	char link[96];
	/* Integer points: no locale-dependent decimal separator in the link. */
	snprintf(link, sizeof link, "page=%d pos=[%d %d]", p->page, (int)floor(p->x),
		 (int)floor(p->y));
	char *title = p->b->label ? g_strdup_printf("%s %s", p->b->label, p->b->text) : g_strdup(p->b->text);
	for (char *c = title; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	int id = cairo_pdf_surface_add_outline(L->surface, p->b->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : *parent,
					       title, link, CAIRO_PDF_OUTLINE_FLAG_OPEN);
	if (p->b->level == 1)
		*parent = id;
	g_free(title);
}

static int draw_piece(doc_layout *L, const doc_piece *p, int *outline_parent)
{
	cairo_t *cr = L->cr;
	doc_block *b = p->b;
	switch (p->kind) {
	case PIECE_LINES:
		itakit__doc_draw_lines(cr, p->tb, p->a, p->z, p->x, p->y, BLACK);
		if (p->marker && b->marker.nlines) {
			/* The marker sits on the baseline of the item's first line. */
			double bl = p->y + b->tb.lines[0].baseline - b->tb.lines[0].top;
			double my = bl - (b->marker.lines[0].baseline - b->marker.lines[0].top);
			itakit__doc_draw_lines(cr, &b->marker, 0, 1, L->left + b->w, my, BLACK);
		}
		if (p->outline)
			add_outline(L, p, outline_parent);
		break;
	case PIECE_ROW:
		itakit__doc_table_draw_row(L, p);
		break;
	case PIECE_FIGURE: {
		cairo_save(cr);
		cairo_translate(cr, p->x, p->y);
		cairo_rectangle(cr, 0, 0, b->w, p->h);
		cairo_clip(cr);
		cairo_new_path(cr);
		int rc = b->draw(cr, b->w, p->h, b->user);
		cairo_status_t st = cairo_status(cr);
		cairo_restore(cr);
		if (rc)
			return rc < 0 ? rc : itakit_error_set(ITAKIT_ERROR, "figure drawing failed (code %d)", rc);
		if (st != CAIRO_STATUS_SUCCESS)
			return itakit_error_set(ITAKIT_ERROR, "figure drawing failed: %s", cairo_status_to_string(st));
		break;
	}
	case PIECE_IMAGE: {
		double sx = b->w / cairo_image_surface_get_width(b->image);
		double sy = b->h / cairo_image_surface_get_height(b->image);
		cairo_save(cr);
		cairo_translate(cr, p->x, p->y);
		cairo_scale(cr, sx, sy);
		cairo_set_source_surface(cr, b->image, 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
		break;
	}
	}
	return 0;
}

int itakit__doc_draw(doc_layout *L)
{
	int outline_parent = CAIRO_PDF_OUTLINE_ROOT;
	size_t i = 0;
	for (int page = 1; page <= L->npages; page++) {
		draw_page_frame(L, page);
		for (; i < L->npieces && L->pieces[i].page == page; i++) {
			int rc = draw_piece(L, &L->pieces[i], &outline_parent);
			if (rc)
				return rc;
		}
		cairo_show_page(L->cr);
		cairo_status_t st = cairo_status(L->cr);
		if (st != CAIRO_STATUS_SUCCESS)
			return itakit_error_set(ITAKIT_ERROR, "drawing page %d: %s", page, cairo_status_to_string(st));
	}
	return 0;
}
