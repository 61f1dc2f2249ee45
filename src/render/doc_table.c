/* Tables: cell layout (with hanging indents for numbered lines), page
 * breaking with repeated header rows and rows split between lines, and
 * drawing. */
#include "render/doc_internal.h"
#include "itakit/error.h"

#include <string.h>

#define PAD_X 5.0  /* cell padding, points */
/* Thai fonts reserve much room above the consonants for stacked marks, so
 * text sits low in its line box: little padding on top, more below, makes
 * the text look centred in the cell. */
#define PAD_TOP 0.5
#define PAD_BOTTOM 3.5
#define PAD_Y2 (PAD_TOP + PAD_BOTTOM)

#define MIN_SHRINK 0.7
#define MIN_SHRINK_LISTED 0.85

/* Whether a cell at size/table size `scale` still has a word broken
 * between its letters (set smaller down to MIN_SHRINK), or a listed word
 * wider than the column (set smaller down to MIN_SHRINK_LISTED only: a Thai
 * compound may break between its own words). */
static bool needs_smaller(const doc_tbox *tb, double scale)
{
	int broken = 0, unfit = 0;
	for (size_t i = 0; i < tb->nlayouts; i++) {
		broken += itakit__text_broken_words(tb->layouts[i]);
		unfit += itakit__text_unfit_words(tb->layouts[i]);
	}
	return (broken && scale > MIN_SHRINK + DOC_EPS) || (unfit && scale > MIN_SHRINK_LISTED + DOC_EPS);
}

static double table_size(const doc_layout *L, const doc_block *b)
{
	return b->font_size > 0 ? b->font_size : L->doc->o.font_size;
}

size_t itakit__doc_marker_length(const char *s)
{
	const char *p = s;
	if (*p == '-' || *p == '*') {
		p++;
	} else if (strncmp(p, "\u2022", 3) == 0) {
		p += 3;
	} else {
		bool paren = *p == '(';
		if (paren)
			p++;
		int digits = 0;
		for (;;) {
			if (*p >= '0' && *p <= '9') {
				p++;
			} else if ((unsigned char)p[0] == 0xE0 && (unsigned char)p[1] == 0xB9 &&
				   (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99) {
				p += 3; /* Thai digits U+0E50..U+0E59 */
			} else {
				break;
			}
			digits++;
		}
		if (digits == 0 || digits > 3)
			return 0;
		if (paren ? *p != ')' : (*p != '.' && *p != ')'))
			return 0;
		p++;
	}
	if (*p != ' ')
		return 0;
	while (*p == ' ')
		p++;
	return (size_t)(p - s);
}

double itakit__doc_marker_hang(cairo_t *cr, const itakit_text_style *st, const char *text)
{
	if (st->align != ITAKIT_ALIGN_LEFT || !text)
		return 0;
	double hang = 0;
	for (const char *line = text; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		size_t m = itakit__doc_marker_length(line);
		if (!m)
			continue;
		char *marker = g_strndup(line, m);
		itakit_text_style ms = *st;
		ms.width = 0;
		double mw;
		itakit__text_measure(cr, &ms, marker, &mw, NULL);
		g_free(marker);
		if (mw > hang)
			hang = mw;
	}
	return hang > st->width / 2 ? 0 : hang; /* a column too narrow to hang anything */
}

static int cell_box(doc_layout *L, const doc_block *b, const doc_row *row, size_t c, doc_tbox *tb,
		    double size)
{
	bool header = row->flags & ITAKIT_ROW_HEADER;
	itakit_text_style st = itakit__doc_style(L->doc, size,
					 header || (row->flags & (ITAKIT_ROW_BOLD | ITAKIT_ROW_TOTAL)));
	st.width = b->colx[c + 1] - b->colx[c] - 2 * PAD_X;
	if (st.width < 1)
		st.width = 1;
	st.align = header ? ITAKIT_ALIGN_CENTER : b->aligns[c];
	const char *text = row->cells[c];
	if (!*text)
		return 0;
	/* One layout per line of the cell, so that numbered lines can hang:
	 * the marker is followed by a tab to a stop at the widest marker of the
	 * cell, and wrapped lines are indented to the same stop, so the text of
	 * "๙." and "๑๐." items starts at one place. */
	char *copy = g_strdup(text);
	double hang = itakit__doc_marker_hang(L->cr, &st, text);
	int rc = 0;
	for (char *line = copy, *next; line && !rc; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		itakit_text_style ls = st;
		size_t m = hang > 0 ? itakit__doc_marker_length(line) : 0;
		if (m) {
			/* "๑.   text" becomes "๑.\ttext". */
			size_t mk = m;
			while (mk > 0 && line[mk - 1] == ' ')
				mk--;
			line[mk] = '\t';
			memmove(line + mk + 1, line + m, strlen(line + m) + 1);
			ls.indent = -hang;
			ls.tab = hang;
		}
		rc = itakit__doc_tbox_add(L, tb, &ls, line, 0);
	}
	g_free(copy);
	return rc;
}
/* "ตารางที่ ๑ (ต่อ)": the caption's label again where the table continues on
 * a new page, so a reader who opens that page knows which table it is. */
static int continued_caption(doc_layout *L, doc_block *b)
{
	const itakit_document *doc = L->doc;
	char num[32];
	itakit_format_int(num, sizeof num, b->number, doc->o.digits);
	char *markup = g_strdup_printf(doc->o.lang == ITAKIT_LANG_EN ? "<b>Table %s</b> (continued)"
								  : "<b>ตารางที่ %s</b> (ต่อ)", num);
	itakit_text_style st = itakit__doc_style(doc, 0, false);
	st.markup = true;
	st.width = L->width;
	int rc = itakit__doc_tbox_add(L, &b->cont, &st, markup, 0);
	g_free(markup);
	return rc;
}


int itakit__doc_table_prepare(doc_layout *L, doc_block *b)
{
	double sum = 0;
	for (size_t c = 0; c < b->ncols; c++)
		sum += b->widths[c];
	b->colx = g_new(double, b->ncols + 1);
	b->colx[0] = L->left;
	for (size_t c = 0; c < b->ncols; c++)
		b->colx[c + 1] = b->colx[c] + L->width * b->widths[c] / sum;
	b->colx[b->ncols] = L->left + L->width; /* no rounding drift at the edge */
	{
		/* the mark of a row split across pages, right-aligned in the row */
		itakit_text_style st = itakit__doc_style(L->doc, table_size(L, b) * 0.8, false);
		st.width = L->width - 2 * PAD_X;
		st.align = ITAKIT_ALIGN_RIGHT;
		int rc = itakit__doc_tbox_add(L, &b->marker, &st, L->doc->o.lang == ITAKIT_LANG_EN ?
				      "(continued on the next page)" : "(มีต่อหน้าถัดไป)", 0);
		if (rc)
			return rc;
	}
	if (b->caption) {
		int rc = itakit__doc_caption_box(L, b, "ตารางที่", "Table", ITAKIT_ALIGN_LEFT);
		if (!rc)
			rc = continued_caption(L, b);
		if (rc)
			return rc;
	}
	for (size_t r = 0; r < b->nrows; r++) {
		doc_row *row = &b->rows[r];
		row->boxes = g_new0(doc_tbox, b->ncols);
		row->content = 0;
		for (size_t c = 0; c < b->ncols; c++) {
			/* A word wider than its column ("Communication" in a narrow
			 * English header, "การดำเนินงาน" in a narrow Thai one) is set
			 * smaller until it fits (within limits), rather than broken. */
			double size = table_size(L, b);
			int rc;
			for (;;) {
				rc = cell_box(L, b, row, c, &row->boxes[c], size);
				if (rc || !needs_smaller(&row->boxes[c], size / table_size(L, b)))
					break;
				itakit__doc_tbox_release(&row->boxes[c]);
				size -= 0.5;
			}
			if (rc)
				return rc;
			if (row->boxes[c].height > row->content)
				row->content = row->boxes[c].height;
		}
	}
	return 0;
}

void itakit__doc_table_release_layout(doc_block *b)
{
	for (size_t r = 0; r < b->nrows; r++) {
		if (!b->rows[r].boxes)
			continue;
		for (size_t c = 0; c < b->ncols; c++)
			itakit__doc_tbox_release(&b->rows[r].boxes[c]);
		itakit__doc_tbox_release(&b->rows[r].cont);
		g_free(b->rows[r].boxes);
		b->rows[r].boxes = NULL;
	}
	g_free(b->colx);
	b->colx = NULL;
}

static double header_height(const doc_block *b)
{
	double h = 0;
	for (size_t r = 0; r < b->nheader; r++)
		h += b->rows[r].content + PAD_Y2;
	return h;
}

static double caption_height(const doc_layout *L, const doc_block *b)
{
	return b->tb.nlines ? b->tb.height + L->doc->o.font_size * 0.25 : 0;
}

static double continued_height(const doc_layout *L, const doc_block *b)
{
	return b->cont.nlines ? b->cont.height + L->doc->o.font_size * 0.25 : 0;
}

/* How far the first cell's text is pushed down in a row's window starting
 * at c0: by the continued mark when the window continues the row. */
static double cont_shift(const doc_row *row, double c0)
{
	return c0 > DOC_EPS ? row->cont.height : 0;
}

/* Height of a row's text window [c0, c1): the text of its cells, the first
 * one below its continued mark. */
static double window_height(const doc_block *b, const doc_row *row, double c0, double c1)
{
	double h = c1 - c0, shift = cont_shift(row, c0);
	if (shift <= 0)
		return h;
	const doc_tbox *tb = &row->boxes[0];
	double first = shift;
	for (size_t i = 0; i < tb->nlines; i++)
		if (tb->lines[i].top >= c0 - DOC_EPS && tb->lines[i].top < c1 - DOC_EPS)
			first = shift + tb->lines[i].bottom - c0;
	return first > h ? first : h;
}

/* Where to cut a row's text window that starts at c0 so that every line
 * above the cut ends by limit (the first cell's by limit less its
 * continued mark): the top of the first line, over all cells, that would
 * cross limit. Returns content when everything fits. */
static double find_cut(const doc_block *b, const doc_row *row, double c0, double limit)
{
	double cut = row->content;
	for (size_t c = 0; c < b->ncols; c++) {
		const doc_tbox *tb = &row->boxes[c];
		double lim = limit - (c == 0 ? cont_shift(row, c0) : 0);
		for (size_t i = 0; i < tb->nlines; i++) {
			if (tb->lines[i].top < c0 - DOC_EPS)
				continue;
			if (tb->lines[i].bottom > lim + DOC_EPS) {
				if (tb->lines[i].top < cut)
					cut = tb->lines[i].top;
				break;
			}
		}
	}
	return cut;
}

/* The smallest part a row may start with at the foot of a page: its first
 * line in every cell (the whole row when short). */
static double row_min_height(const doc_block *b, const doc_row *row)
{
	double h = 0;
	for (size_t c = 0; c < b->ncols; c++) {
		const doc_tbox *tb = &row->boxes[c];
		size_t n = tb->nlines < 2 ? tb->nlines : 2;
		if (n && tb->lines[n - 1].bottom > h)
			h = tb->lines[n - 1].bottom;
	}
	return (h < row->content ? h : row->content) + PAD_Y2;
}

/* Room for rows on a page that holds only the table's continued caption
 * and header. */
static double page_room(const doc_layout *L, const doc_block *b)
{
	return L->bottom - L->top - continued_height(L, b) - header_height(b);
}

static double row_height(const doc_row *row)
{
	return row->content + PAD_Y2;
}

double itakit__doc_table_min_height(const doc_layout *L, const doc_block *b)
{
	double h = caption_height(L, b) + header_height(b);
	size_t body = b->nrows - b->nheader, n = body < 3 ? body : 3;
	double rows = 0;
	for (size_t r = b->nheader; r < b->nheader + n; r++)
		rows += row_height(&b->rows[r]);
	if (rows <= page_room(L, b) - caption_height(L, b) + continued_height(L, b))
		return h + rows;
	/* rows too tall for three to share a page: the first one, whole when
	 * it fits a page, else its first lines */
	if (body == 0)
		return h;
	const doc_row *first = &b->rows[b->nheader];
	if (row_height(first) <= page_room(L, b))
		return h + row_height(first);
	return h + row_min_height(b, first);
}

/* Height of a row's first text line (0 for an empty row). */
static double first_line_height(const doc_block *b, const doc_row *row)
{
	for (size_t c = 0; c < b->ncols; c++)
		if (row->boxes[c].nlines)
			return row->boxes[c].lines[0].bottom - row->boxes[c].lines[0].top;
	return 0;
}

static double mark_height(const doc_block *b)
{
	return b->marker.height;
}

static void add_row_piece(doc_layout *L, doc_block *b, size_t r, double cut0, double cut1, bool more)
{
	doc_piece *p = itakit__doc_add_piece(L, PIECE_ROW, b);
	p->row = r;
	p->cut0 = cut0;
	p->cut1 = cut1;
	p->more = more;
	p->h = window_height(b, &b->rows[r], cut0, cut1) + PAD_Y2 + (more ? mark_height(b) : 0);
	L->y += p->h;
}

/* The first line of text laid out in style st (cut where the line breaks,
 * trailing spaces dropped), and whether more lines follow; NULL when it
 * cannot be laid out. */
static char *first_line(doc_layout *L, const itakit_text_style *st, const char *text, bool *more)
{
	doc_tbox tb = {0};
	char *head = NULL;
	if (itakit__doc_tbox_add(L, &tb, st, text, 0) == 0 && tb.nlines) {
		const PangoLayoutLine *ln = tb.lines[0].line;
		head = g_strndup(pango_layout_get_text(tb.layouts[0]) + ln->start_index, (gsize)ln->length);
		g_strchomp(head);
		*more = tb.nlines > 1;
	}
	itakit__doc_tbox_release(&tb);
	return head;
}

/* What the first cell of a row says on the pages the row continues on,
 * small and grey above the rest of its text: the first line of the cell's
 * own text (cut at a word, "…" when there is more), then "(ต่อ)" /
 * "(cont.)". The whole cell would name the row best, but an issue in a
 * narrow first column often takes five lines or more, which would push the
 * rest of the row as far down; its first words are enough to tell the
 * issues apart, and the mark stays at two lines. */
static void continued_mark(doc_layout *L, doc_block *b, doc_row *row)
{
	if (row->cont.nlines)
		return;
	const char *word = L->doc->o.lang == ITAKIT_LANG_EN ? "(cont.)" : "(ต่อ)";
	itakit_text_style st = itakit__doc_style(L->doc, table_size(L, b) * 0.8, false);
	st.width = b->colx[1] - b->colx[0] - 2 * PAD_X;
	if (st.width < 1)
		st.width = 1;
	const char *cell = row->cells[0];
	size_t n = strcspn(cell, "\n");
	char *mark = NULL;
	if (n > 0) {
		char *text = g_strndup(cell, n);
		bool more = false;
		char *head = first_line(L, &st, text, &more);
		more = more || cell[n] == '\n';
		/* "…" on the head's own line: words move out until it fits */
		for (int tries = 0; head && *head && more && tries < 4; tries++) {
			char *with = g_strconcat(head, "\u2026", NULL);
			bool wrapped = false;
			char *fit = first_line(L, &st, with, &wrapped);
			g_free(with);
			if (!wrapped || !fit || !*fit) {
				g_free(fit);
				break;
			}
			g_free(head);
			head = fit;
		}
		if (head && *head)
			mark = g_strdup_printf("%s%s %s", head, more ? "\u2026" : "", word);
		g_free(head);
		g_free(text);
	}
	/* A font that cannot draw "…" (the cell's own characters it draws):
	 * the word alone, which the continued caption already uses. */
	if (!mark || itakit__doc_tbox_add(L, &row->cont, &st, mark, 0) != 0) {
		itakit__doc_tbox_release(&row->cont);
		if (itakit__doc_tbox_add(L, &row->cont, &st, word, 0) != 0)
			itakit__doc_tbox_release(&row->cont);
	}
	g_free(mark);
}

static void emit_header(doc_layout *L, doc_block *b)
{
	for (size_t r = 0; r < b->nheader; r++)
		add_row_piece(L, b, r, 0, b->rows[r].content, false);
}

static void continue_on_new_page(doc_layout *L, doc_block *b, double *body_top)
{
	itakit__doc_new_page(L);
	if (b->cont.nlines) {
		doc_piece *p = itakit__doc_add_piece(L, PIECE_LINES, b);
		p->tb = &b->cont;
		p->z = b->cont.nlines;
		L->y += continued_height(L, b);
	}
	emit_header(L, b);
	*body_top = L->y;
}

/* A row of a third of a page or more: one that is split rather than leave
 * a page under DOC_MIN_FILL. */
static bool tall_row(const doc_layout *L, const doc_block *b, const doc_row *row)
{
	return row->content > (page_room(L, b) - PAD_Y2) / 3;
}

void itakit__doc_table_paginate(doc_layout *L, doc_block *b)
{
	double need = itakit__doc_table_min_height(L, b);
	/* A tall first row (a measure with long numbered lists) starts on this
	 * page, split, whenever the caption, the header and two of its lines
	 * fit: moved whole, it would leave a third of the page or more empty.
	 * (The first row is never moved by the loop below: it starts the
	 * table, so where the table starts decides.) */
	bool split_first = false;
	if (b->nrows > b->nheader && tall_row(L, b, &b->rows[b->nheader]) && !itakit__doc_at_top(L)) {
		double start = caption_height(L, b) + header_height(b) + PAD_Y2 + mark_height(b) +
			       2 * first_line_height(b, &b->rows[b->nheader]);
		split_first = L->y + start <= L->bottom + DOC_EPS;
		if (split_first && start < need)
			need = start;
	}
	if (!split_first && b->nrows > b->nheader && tall_row(L, b, &b->rows[b->nheader]) &&
	    itakit__doc_fill(L) < DOC_MIN_FILL) {
		/* a tall first row starts here, split, when the page would be
		 * left under the least fill: its first four lines are enough */
		const doc_row *first = &b->rows[b->nheader];
		need = caption_height(L, b) + header_height(b) + PAD_Y2 + mark_height(b) +
		       4 * first_line_height(b, first);
	}
	if (!itakit__doc_at_top(L) && L->y + need > L->bottom + DOC_EPS)
		itakit__doc_new_page(L);
	if (b->tb.nlines) {
		doc_piece *p = itakit__doc_add_piece(L, PIECE_LINES, b);
		p->tb = &b->tb;
		p->z = b->tb.nlines;
		L->y += caption_height(L, b);
	}
	emit_header(L, b);
	double body_top = L->y;
	double room = page_room(L, b) - PAD_Y2;
	for (size_t r = b->nheader; r < b->nrows; r++) {
		doc_row *row = &b->rows[r];
		double c0 = 0, line_h = first_line_height(b, row);
		for (;;) {
			double avail = L->bottom - L->y - PAD_Y2;
			bool fresh = L->y <= body_top + DOC_EPS;
			if (window_height(b, row, c0, row->content) <= avail + DOC_EPS) {
				add_row_piece(L, b, r, c0, row->content, false);
				break;
			}
			/* A row that fits on a page moves there whole, unless it is
			 * a tall one (a third of a page or more: a measure with long
			 * numbered lists) that would leave this page under the least
			 * fill: that one is split, and says so. */
			bool tall = tall_row(L, b, row) && itakit__doc_fill(L) < DOC_MIN_FILL &&
				    avail - mark_height(b) >= 4 * line_h;
			if (c0 == 0 && !fresh && row->content <= room + DOC_EPS && !tall) {
				continue_on_new_page(L, b, &body_top);
				continue;
			}
			avail -= mark_height(b);
			double cut = find_cut(b, row, c0, c0 + avail);
			if (cut <= c0 + DOC_EPS) {
				if (!fresh) {
					continue_on_new_page(L, b, &body_top);
					continue;
				}
				/* Not even one line fits below the header (absurd sizes):
				 * take one line per cell, so the loop progresses. */
				double first = row->content;
				for (size_t c = 0; c < b->ncols; c++)
					for (size_t i = 0; i < row->boxes[c].nlines; i++)
						if (row->boxes[c].lines[i].top >= c0 - DOC_EPS) {
							if (row->boxes[c].lines[i].bottom < first)
								first = row->boxes[c].lines[i].bottom;
							break;
						}
				cut = first;
			}
			/* No single line of the row left alone on the next page. */
			if (row->content - cut < 1.5 * line_h) {
				double earlier = find_cut(b, row, c0, row->content - 2 * line_h);
				if (earlier > c0 + 2 * line_h && earlier < cut)
					cut = earlier;
			}
			bool more = cut < row->content - DOC_EPS;
			add_row_piece(L, b, r, c0, cut, more);
			c0 = cut;
			if (!more)
				break;
			continued_mark(L, b, row);
			continue_on_new_page(L, b, &body_top);
		}
	}
}

void itakit__doc_table_draw_row(doc_layout *L, const doc_piece *p)
{
	cairo_t *cr = L->cr;
	const doc_block *b = p->b;
	const doc_row *row = &b->rows[p->row];
	bool header = row->flags & ITAKIT_ROW_HEADER;
	double x0 = b->colx[0], x1 = b->colx[b->ncols];

	cairo_save(cr);
	if (header || (row->flags & (ITAKIT_ROW_TOTAL | ITAKIT_ROW_TINT))) {
		if (header)
			cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
		else if (row->flags & ITAKIT_ROW_TINT)
			cairo_set_source_rgb(cr, 1.0, 0.91, 0.84);
		else
			cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
		cairo_rectangle(cr, x0, p->y, x1 - x0, p->h);
		cairo_fill(cr);
	}
	static const double black[3] = {0, 0, 0};
	for (size_t c = 0; c < b->ncols; c++) {
		const doc_tbox *tb = &row->boxes[c];
		size_t a = 0;
		while (a < tb->nlines && tb->lines[a].top < p->cut0 - DOC_EPS)
			a++;
		size_t z = a;
		while (z < tb->nlines && tb->lines[z].top < p->cut1 - DOC_EPS)
			z++;
		if (a == z)
			continue;
		/* Header cells are centred vertically; body cells start at the top
		 * (the first one of a continued row below its mark). */
		double dy = header ? (row->content - tb->height) / 2 : c == 0 ? cont_shift(row, p->cut0) : 0;
		itakit__doc_draw_lines(cr, tb, a, z, b->colx[c] + PAD_X,
			       p->y + PAD_TOP + dy + tb->lines[a].top - p->cut0, black);
	}
	static const double grey[3] = {0.35, 0.35, 0.35};
	if (!header && cont_shift(row, p->cut0) > 0)
		itakit__doc_draw_lines(cr, &row->cont, 0, row->cont.nlines, b->colx[0] + PAD_X, p->y + PAD_TOP, grey);
	if (p->more && b->marker.nlines) {
		/* "มีต่อ" at the foot of a row that goes on on the next page */
		itakit__doc_draw_lines(cr, &b->marker, 0, b->marker.nlines, b->colx[0] + PAD_X, p->y + p->h - PAD_BOTTOM - b->marker.height,
			       grey);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.5);
	/* The column rules stop above the "มีต่อหน้าถัดไป" strip, which is
	 * wider than a narrow last column and would be crossed by them. */
	double rules = p->more && b->marker.nlines ? p->h - PAD_BOTTOM - b->marker.height : p->h;
	cairo_rectangle(cr, x0, p->y, x1 - x0, p->h);
	for (size_t c = 1; c < b->ncols; c++) {
		cairo_move_to(cr, b->colx[c], p->y);
		cairo_line_to(cr, b->colx[c], p->y + rules);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}
