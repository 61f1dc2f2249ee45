/* The document layout engine: the block model and its builder functions,
 * then the writer, which works in three steps on the PDF surface itself
 * (so measurements and drawing use the same font metrics):
 *   prepare  - every piece of text becomes pango layouts and a list of lines
 *              with their vertical extents (struct tbox);
 *   paginate - blocks are cut into pieces placed on pages, which gives the
 *              page count;
 *   draw     - pages are drawn piece by piece, with running header and
 *              "page X of Y" footer.
 * Text is drawn line by line (itakit__text_show_line), which is what
 * lets paragraphs and table cells break between any two lines. */
#include "render/document.h"
#include "render/cairo_output.h"
#include "render/doc_internal.h"
#include "itakit/error.h"
#include "itakit/fileio.h"
#include "itakit/itakit.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the model ---------------------------------------------------------- */

static char *dup_or_null(const char *s, bool *oom)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = true;
	return d;
}

int itakit__document_new(itakit_document **out, const itakit_document_options *opts)
{
	*out = NULL;
	itakit_document_options def = ITAKIT_DOCUMENT_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	if (opts->font_size <= 0 || opts->font_size > 200)
		return itakit_error_set(ITAKIT_EUSAGE, "font size %g out of range", opts->font_size);
	if (opts->page_width - opts->margin_left - opts->margin_right < 4 * opts->font_size ||
	    opts->page_height - opts->margin_top - opts->margin_bottom < 6 * opts->font_size ||
	    opts->margin_left < 0 || opts->margin_right < 0 || opts->margin_top < 0 ||
	    opts->margin_bottom < 0)
		return itakit_error_set(ITAKIT_EUSAGE, "page %gx%g with these margins leaves no room for text",
					opts->page_width, opts->page_height);
	itakit_document *doc = calloc(1, sizeof *doc);
	if (!doc)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	bool oom = false;
	doc->o = *opts;
	doc->o.font_family = dup_or_null(opts->font_family ? opts->font_family : ITAKIT_DEFAULT_FONT, &oom);
	doc->o.title = dup_or_null(opts->title, &oom);
	doc->o.author = dup_or_null(opts->author, &oom);
	doc->o.subject = dup_or_null(opts->subject, &oom);
	doc->o.keywords = dup_or_null(opts->keywords, &oom);
	doc->o.creator = dup_or_null(opts->creator, &oom);
	doc->o.running_header = dup_or_null(opts->running_header, &oom);
	if (oom) {
		itakit__document_free(doc);
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	}
	*out = doc;
	return 0;
}

static void block_release(doc_block *b)
{
	free(b->text);
	free(b->label);
	free(b->caption);
	free(b->widths);
	free(b->aligns);
	for (size_t r = 0; r < b->nrows; r++) {
		for (size_t c = 0; c < b->ncols; c++)
			free(b->rows[r].cells[c]);
		free(b->rows[r].cells);
	}
	free(b->rows);
	if (b->image)
		cairo_surface_destroy(b->image);
}

void itakit__document_free(itakit_document *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nblocks; i++)
		block_release(&doc->blocks[i]);
	free(doc->blocks);
	free((char *)doc->o.font_family);
	free((char *)doc->o.title);
	free((char *)doc->o.author);
	free((char *)doc->o.subject);
	free((char *)doc->o.keywords);
	free((char *)doc->o.creator);
	free((char *)doc->o.running_header);
	itakit__text_keep_release(&doc->keep);
	free(doc);
}

/* A new zeroed block at the end, or NULL (error set). */
static doc_block *push_block(itakit_document *doc, doc_kind kind)
{
	if (doc->nblocks == doc->cap) {
		size_t cap = doc->cap ? doc->cap * 2 : 32;
		doc_block *nb = realloc(doc->blocks, cap * sizeof *nb);
		if (!nb) {
			itakit_error_set(ITAKIT_ENOMEM, "out of memory");
			return NULL;
		}
		doc->blocks = nb;
		doc->cap = cap;
	}
	doc_block *b = &doc->blocks[doc->nblocks];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

/* The block becomes part of the document only once fully built. */
static int commit_block(itakit_document *doc)
{
	doc->nblocks++;
	return 0;
}

int itakit__document_heading(itakit_document *doc, int level, const char *text)
{
	if (level < 1 || level > 2)
		return itakit_error_set(ITAKIT_EUSAGE, "heading level %d: only 1 and 2 exist", level);
	if (!text || !*text)
		return itakit_error_set(ITAKIT_EUSAGE, "heading without text");
	doc_block *b = push_block(doc, DOC_HEADING);
	if (!b)
		return ITAKIT_ENOMEM;
	b->level = level;
	if (!(b->text = strdup(text)))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	if (doc->o.number_headings) {
		char a[32], c[32], label[80];
		int section = level == 1 ? doc->section + 1 : doc->section;
		int sub = level == 2 ? doc->subsection + 1 : 0;
		itakit_format_int(a, sizeof a, section, doc->o.digits);
		itakit_format_int(c, sizeof c, sub, doc->o.digits);
		/* "๒." for a section, "๒.๑" for a subsection */
		if (level == 1)
			snprintf(label, sizeof label, "%s.", a);
		else
			snprintf(label, sizeof label, "%s.%s", a, c);
		if (!(b->label = strdup(label)))
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		doc->section = section;
		doc->subsection = sub;
	}
	return commit_block(doc);
}

int itakit__document_next_number(const itakit_document *doc, itakit_document_counter what)
{
	switch (what) {
	case ITAKIT_NEXT_SECTION:
		return doc->section + 1;
	case ITAKIT_NEXT_SUBSECTION:
		return doc->subsection + 1;
	case ITAKIT_NEXT_TABLE:
		return doc->ntables + 1;
	case ITAKIT_NEXT_FIGURE:
		return doc->nfigures + 1;
	}
	return 0;
}

int itakit__document_keep_together(itakit_document *doc, const char *word)
{
	if (!word)
		return itakit_error_set(ITAKIT_EUSAGE, "no word to keep together");
	return itakit__text_keep_add(&doc->keep, word);
}

int itakit__document_paragraph(itakit_document *doc, const char *text,
			      const itakit_paragraph_style *style)
{
	itakit_paragraph_style def = ITAKIT_PARAGRAPH_STYLE_INIT;
	if (!style)
		style = &def;
	if (!text)
		return itakit_error_set(ITAKIT_EUSAGE, "paragraph without text");
	if (style->markup) {
		GError *gerr = NULL;
		if (!pango_parse_markup(text, -1, 0, NULL, NULL, NULL, &gerr)) {
			int rc = itakit_error_set(ITAKIT_EINPUT, "invalid paragraph markup: %s",
						  gerr ? gerr->message : "unknown error");
			g_clear_error(&gerr);
			return rc;
		}
	}
	if (style->size < 0 || style->size > 200 || style->first_indent < -500 ||
	    style->left_indent < 0)
		return itakit_error_set(ITAKIT_EUSAGE, "paragraph style out of range");
	doc_block *b = push_block(doc, DOC_PARAGRAPH);
	if (!b)
		return ITAKIT_ENOMEM;
	b->ps = *style;
	if (!(b->text = strdup(text)))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	return commit_block(doc);
}

int itakit__document_list_item(itakit_document *doc, itakit_list_kind kind, int level,
			      const char *text)
{
	if (level < 0 || level > 1)
		return itakit_error_set(ITAKIT_EUSAGE, "list level %d: only 0 and 1 exist", level);
	if (!text)
		return itakit_error_set(ITAKIT_EUSAGE, "list item without text");
	/* Continue the numbering of the nearest earlier item of this level in
	 * the same run of list items, unless a shallower item came between. */
	int number = 1;
	for (size_t i = doc->nblocks; i-- > 0;) {
		const doc_block *p = &doc->blocks[i];
		if (p->kind != DOC_ITEM || p->level < level)
			break;
		if (p->level == level) {
			if (p->list_kind == kind)
				number = p->number + 1;
			break;
		}
	}
	doc_block *b = push_block(doc, DOC_ITEM);
	if (!b)
		return ITAKIT_ENOMEM;
	b->level = level;
	b->list_kind = kind;
	b->number = number;
	if (!(b->text = strdup(text)))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	return commit_block(doc);
}

static int add_row(doc_block *b, unsigned flags, const char *const *cells)
{
	if (b->nrows == b->rowcap) {
		size_t cap = b->rowcap ? b->rowcap * 2 : 16;
		doc_row *nr = realloc(b->rows, cap * sizeof *nr);
		if (!nr)
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		b->rows = nr;
		b->rowcap = cap;
	}
	doc_row *r = &b->rows[b->nrows];
	memset(r, 0, sizeof *r);
	r->flags = flags;
	r->cells = calloc(b->ncols, sizeof *r->cells);
	if (!r->cells)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	for (size_t c = 0; c < b->ncols; c++) {
		r->cells[c] = strdup(cells && cells[c] ? cells[c] : "");
		if (!r->cells[c]) {
			for (size_t k = 0; k < c; k++)
				free(r->cells[k]);
			free(r->cells);
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		}
	}
	b->nrows++;
	if (flags & ITAKIT_ROW_HEADER)
		b->nheader++;
	return 0;
}

int itakit__document_table(itakit_document *doc, const itakit_table_options *t)
{
	if (!t || !t->columns || t->ncolumns < 1 || t->ncolumns > 32)
		return itakit_error_set(ITAKIT_EUSAGE, "a table needs 1 to 32 columns");
	if (t->font_size < 0 || t->font_size > 200)
		return itakit_error_set(ITAKIT_EUSAGE, "table font size %g out of range", t->font_size);
	bool titles = false;
	for (size_t c = 0; c < t->ncolumns; c++) {
		if (!(t->columns[c].width > 0) || t->columns[c].width > 1e6)
			return itakit_error_set(ITAKIT_EUSAGE, "table column %zu: width must be positive", c + 1);
		titles |= t->columns[c].title != NULL;
	}
	doc_block *b = push_block(doc, DOC_TABLE);
	if (!b)
		return ITAKIT_ENOMEM;
	b->ncols = t->ncolumns;
	b->font_size = t->font_size;
	b->widths = malloc(b->ncols * sizeof *b->widths);
	b->aligns = malloc(b->ncols * sizeof *b->aligns);
	const char **titlev = calloc(b->ncols, sizeof *titlev);
	int rc = 0;
	if (!b->widths || !b->aligns || !titlev || (t->caption && !(b->caption = strdup(t->caption)))) {
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	} else {
		for (size_t c = 0; c < b->ncols; c++) {
			b->widths[c] = t->columns[c].width;
			b->aligns[c] = t->columns[c].align;
			titlev[c] = t->columns[c].title;
		}
		if (titles)
			rc = add_row(b, ITAKIT_ROW_HEADER, titlev);
	}
	free(titlev);
	if (rc) {
		block_release(b);
		return rc;
	}
	if (b->caption)
		b->number = ++doc->ntables;
	return commit_block(doc);
}

int itakit__document_table_row(itakit_document *doc, unsigned flags, const char *const *cells)
{
	if (doc->nblocks == 0 || doc->blocks[doc->nblocks - 1].kind != DOC_TABLE)
		return itakit_error_set(ITAKIT_EUSAGE, "table row without a table: call itakit__document_table first");
	doc_block *b = &doc->blocks[doc->nblocks - 1];
	if ((flags & ITAKIT_ROW_HEADER) && b->nrows > b->nheader)
		return itakit_error_set(ITAKIT_EUSAGE, "a header row must come before the body rows");
	return add_row(b, flags, cells);
}

int itakit__document_figure(itakit_document *doc, double width, double height,
			   itakit_draw_fn draw, void *user, const char *caption)
{
	if (!draw)
		return itakit_error_set(ITAKIT_EUSAGE, "figure without a drawing function");
	double text_h = doc->o.page_height - doc->o.margin_top - doc->o.margin_bottom;
	if (!(height > 0) || height > text_h || !(width <= doc->o.page_width))
		return itakit_error_set(ITAKIT_EUSAGE, "figure size %gx%g does not fit a page", width, height);
	doc_block *b = push_block(doc, DOC_FIGURE);
	if (!b)
		return ITAKIT_ENOMEM;
	b->w = width;
	b->h = height;
	b->draw = draw;
	b->user = user;
	if (caption && !(b->caption = strdup(caption)))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	if (caption)
		b->number = ++doc->nfigures;
	return commit_block(doc);
}

int itakit__document_image(itakit_document *doc, const char *png_path, double width,
			  itakit_align align)
{
	if (!png_path)
		return itakit_error_set(ITAKIT_EUSAGE, "image without a path");
	cairo_surface_t *img = cairo_image_surface_create_from_png(png_path);
	cairo_status_t st = cairo_surface_status(img);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		if (st == CAIRO_STATUS_FILE_NOT_FOUND)
			return itakit_error_set(ITAKIT_ENOTFOUND, "%s: image not found", png_path);
		if (st == CAIRO_STATUS_NO_MEMORY)
			return itakit_error_set(ITAKIT_ENOMEM, "%s: out of memory reading image", png_path);
		return itakit_error_set(ITAKIT_EINPUT, "%s: not a readable PNG image (%s)", png_path,
					cairo_status_to_string(st));
	}
	int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
	if (iw <= 0 || ih <= 0) {
		cairo_surface_destroy(img);
		return itakit_error_set(ITAKIT_EINPUT, "%s: empty image", png_path);
	}
	double text_w = doc->o.page_width - doc->o.margin_left - doc->o.margin_right;
	if (width <= 0)
		width = iw < text_w ? iw : text_w;
	if (width > text_w)
		width = text_w;
	double height = width * ih / iw;
	double text_h = doc->o.page_height - doc->o.margin_top - doc->o.margin_bottom;
	if (height > text_h) {
		cairo_surface_destroy(img);
		return itakit_error_set(ITAKIT_EUSAGE, "%s: image too tall for a page at width %g", png_path, width);
	}
	doc_block *b = push_block(doc, DOC_IMAGE);
	if (!b) {
		cairo_surface_destroy(img);
		return ITAKIT_ENOMEM;
	}
	b->image = img;
	b->w = width;
	b->h = height;
	b->align = align;
	return commit_block(doc);
}

int itakit__document_spacer(itakit_document *doc, double points)
{
	if (!(points >= 0) || points > doc->o.page_height)
		return itakit_error_set(ITAKIT_EUSAGE, "spacer of %g points", points);
	doc_block *b = push_block(doc, DOC_SPACER);
	if (!b)
		return ITAKIT_ENOMEM;
	b->h = points;
	return commit_block(doc);
}

int itakit__document_page_break(itakit_document *doc)
{
	if (!push_block(doc, DOC_PAGE_BREAK))
		return ITAKIT_ENOMEM;
	return commit_block(doc);
}

/* ---- writing ------------------------------------------------------------- */

/* The family must exist and draw Thai itself: pango would otherwise pick a
 * fallback that differs between machines. */
static int check_font(cairo_t *cr, const char *family)
{
	int rc = itakit__font_check(family);
	if (rc)
		return rc;
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.family = family;
	PangoLayout *probe = itakit__text_layout(cr, &st, "ก");
	PangoFontDescription *fd = pango_font_description_from_string(family);
	pango_font_description_set_family(fd, family);
	pango_font_description_set_size(fd, 12 * PANGO_SCALE);
	PangoFont *font = pango_context_load_font(pango_layout_get_context(probe), fd);
	bool thai = false;
	if (font) {
		thai = pango_font_has_char(font, 0x0E01) && pango_font_has_char(font, 0x0E48);
		g_object_unref(font);
	}
	pango_font_description_free(fd);
	g_object_unref(probe);
	if (!thai)
		return itakit_error_set(ITAKIT_ENOTFOUND,
			"font \"%s\" has no Thai characters; use a Thai font such as Laksaman "
			"(apt-get install fonts-tlwg-laksaman-ttf) or Noto Sans Thai (fonts-noto-core)", family);
	return 0;
}

int itakit__document_write_pdf(itakit_document *doc, const char *path, int *pages)
{
	if (pages)
		*pages = 0;
	if (!path || !*path)
		return itakit_error_set(ITAKIT_EUSAGE, "no output path");
	char date[32];
	int rc = itakit__pdf_date(date, sizeof date);
	if (rc)
		return rc;

	/* Font problems are found before any file is created. */
	cairo_surface_t *probe_s = cairo_pdf_surface_create_for_stream(NULL, NULL, 10, 10);
	cairo_t *probe_cr = cairo_create(probe_s);
	rc = check_font(probe_cr, doc->o.font_family);
	cairo_destroy(probe_cr);
	cairo_surface_destroy(probe_s);
	if (rc)
		return rc;

	itakit_atomic_file f;
	rc = itakit_atomic_open(&f, path);
	if (rc)
		return rc;
	itakit_cairo_sink sink = {f.fp, 0};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(itakit__cairo_sink_write, &sink,
								 doc->o.page_width, doc->o.page_height);
	const struct { cairo_pdf_metadata_t key; const char *value; } meta[] = {
		{CAIRO_PDF_METADATA_TITLE, doc->o.title},
		{CAIRO_PDF_METADATA_AUTHOR, doc->o.author},
		{CAIRO_PDF_METADATA_SUBJECT, doc->o.subject},
		{CAIRO_PDF_METADATA_KEYWORDS, doc->o.keywords},
	};
	for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
		if (meta[i].value)
			cairo_pdf_surface_set_metadata(s, meta[i].key, meta[i].value);
	itakit__pdf_set_dates(s, date);
	char creator[64];
	snprintf(creator, sizeof creator, "itakit %s", itakit_version());
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
				       doc->o.creator ? doc->o.creator : creator);

	cairo_t *cr = cairo_create(s);
	itakit__text_shared_sweep(); /* keeps the texts the last document used */
	doc_layout L;
	itakit__doc_layout_init(&L, doc, cr, s);
	rc = itakit__doc_prepare(&L);
	if (!rc)
		rc = itakit__doc_paginate(&L);
	if (!rc)
		rc = itakit__doc_draw(&L);
	int npages = L.npages;
	itakit__doc_layout_release(&L);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (!rc && (st != CAIRO_STATUS_SUCCESS || sink.err))
		rc = itakit_error_set(ITAKIT_ERROR, "%s: cannot write PDF: %s", path,
				      sink.err ? strerror(sink.err) : cairo_status_to_string(st));
	if (rc) {
		itakit_atomic_abort(&f);
		return rc;
	}
	rc = itakit_atomic_commit(&f);
	if (!rc && pages)
		*pages = npages;
	return rc;
}
