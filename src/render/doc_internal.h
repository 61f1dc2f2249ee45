/* Private to the document engine (document.c, doc_layout.c, doc_table.c):
 * the block model and the state of one write. */
#ifndef ITAKIT_RENDER_DOC_INTERNAL_H
#define ITAKIT_RENDER_DOC_INTERNAL_H

#include "render/document.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* One laid-out line of a text box; y values from the top of the box. */
typedef struct {
	PangoLayoutLine *line; /* owned by one of the box's layouts */
	double top, bottom, baseline;
	double x;              /* line origin from the box's left edge */
} doc_line;

/* Text laid out for a given width: one or more stacked layouts. */
typedef struct {
	PangoLayout **layouts;
	size_t nlayouts;
	doc_line *lines;
	size_t nlines;
	double height;
} doc_tbox;

typedef enum {
	DOC_HEADING, DOC_PARAGRAPH, DOC_ITEM, DOC_TABLE, DOC_FIGURE, DOC_IMAGE,
	DOC_SPACER, DOC_PAGE_BREAK
} doc_kind;

typedef struct {
	char **cells;     /* ncols strings, owned */
	unsigned flags;   /* ITAKIT_ROW_* */
	/* layout (valid during a write) */
	doc_tbox *boxes;  /* ncols */
	double content;   /* tallest cell's text height */
	doc_tbox cont;    /* body row split across pages: what its first cell
			     says where it continues (laid out when it splits) */
} doc_row;

typedef struct {
	doc_kind kind;
	char *text;                  /* heading, paragraph, item */
	char *label;                 /* heading: its number "๒.๑" (NULL: none) */
	int level;                   /* heading 1-2, item 0-1 */
	itakit_paragraph_style ps;   /* paragraph */
	itakit_list_kind list_kind;  /* item */
	int number;                  /* item number; table/figure caption number */
	/* table */
	size_t ncols;
	double *widths;
	itakit_align *aligns;
	double font_size;
	doc_row *rows;
	size_t nrows, rowcap, nheader;
	char *caption;               /* table, figure */
	/* figure, image, spacer */
	double w, h;
	itakit_draw_fn draw;
	void *user;
	cairo_surface_t *image;
	itakit_align align;
	/* layout (valid during a write) */
	doc_tbox tb;                 /* the text, or the caption */
	doc_tbox marker;             /* list marker */
	doc_tbox cont;               /* table: its caption on the pages it continues on */
	double x;                    /* left edge of tb */
	double space_before, space_after;
	double *colx;                /* table: ncols + 1 x positions */
	double fh;                   /* figure: drawn height (h, or less when
	                                shrunk to fill a page) */
} doc_block;

struct itakit_document {
	itakit_document_options o;  /* strings owned */
	doc_block *blocks;
	size_t nblocks, cap;
	int ntables, nfigures;
	int section, subsection;     /* last heading numbers */
	itakit_keep_list keep;       /* itakit__document_keep_together's words */
};

typedef enum { PIECE_LINES, PIECE_ROW, PIECE_FIGURE, PIECE_IMAGE } doc_piece_kind;

/* Something drawn at a place on a page. */
typedef struct {
	doc_piece_kind kind;
	int page;              /* 1-based */
	double x, y;           /* top-left */
	doc_block *b;
	const doc_tbox *tb;    /* LINES: lines [a, z) of tb */
	size_t a, z;
	bool marker, outline;  /* LINES: draw the list marker / add an outline entry */
	bool more;             /* ROW: the row goes on on the next page (marked) */
	size_t row;            /* ROW: row index, text window [cut0, cut1) */
	double cut0, cut1, h;  /* h: drawn height of the row part */
} doc_piece;

typedef struct {
	itakit_document *doc;
	cairo_t *cr;
	cairo_surface_t *surface;
	doc_piece *pieces;
	size_t npieces, cap;
	int npages;            /* pages so far while paginating */
	double y;              /* current position on the page */
	double top, bottom, left, width;
	PangoLayout *header;   /* the running header, laid out once (NULL: not yet) */
} doc_layout;

/* A page must be filled to this share of its text height before a block
 * may move to the next one (the last page excepted). */
#define DOC_MIN_FILL 0.6

/* Share of the current page's text height used so far. */
double itakit__doc_fill(const doc_layout *L);

void itakit__doc_layout_init(doc_layout *L, itakit_document *doc, cairo_t *cr, cairo_surface_t *s);
void itakit__doc_layout_release(doc_layout *L);
int itakit__doc_prepare(doc_layout *L);
int itakit__doc_paginate(doc_layout *L);
int itakit__doc_draw(doc_layout *L);

/* Shared by doc_layout.c and doc_table.c. */
itakit_text_style itakit__doc_style(const itakit_document *doc, double size, bool bold);
int itakit__doc_tbox_add(doc_layout *L, doc_tbox *tb, const itakit_text_style *st, const char *text, double gap);
void itakit__doc_tbox_release(doc_tbox *tb);
void itakit__doc_draw_lines(cairo_t *cr, const doc_tbox *tb, size_t a, size_t z, double x, double y,
		    const double rgb[3]);
int itakit__doc_caption_box(doc_layout *L, doc_block *b, const char *word_th, const char *word_en,
		    itakit_align align);
doc_piece *itakit__doc_add_piece(doc_layout *L, doc_piece_kind kind, doc_block *b);
void doc_draw_small(doc_layout *L, const char *text, double x, double y, double width,
		    itakit_align align);
void itakit__doc_new_page(doc_layout *L);
bool itakit__doc_at_top(const doc_layout *L);

/* Length in bytes of a list marker at the start of s, with the spaces after
 * it: "๑. ", "12) ", "(๓) ", "- ", "• ". 0 when there is none. */
size_t itakit__doc_marker_length(const char *s);
/* The hanging indent of a table cell's text in style st (its width the
 * column's): the width of its widest list marker with the spaces after it,
 * 0 when no line starts with one, the cell is not left-aligned or the
 * column is too narrow to hang anything. Shared by the PDF and the DOCX. */
double itakit__doc_marker_hang(cairo_t *cr, const itakit_text_style *st, const char *text);
int itakit__doc_table_prepare(doc_layout *L, doc_block *b);
double itakit__doc_table_min_height(const doc_layout *L, const doc_block *b);
void itakit__doc_table_paginate(doc_layout *L, doc_block *b);
void itakit__doc_table_draw_row(doc_layout *L, const doc_piece *p);
void itakit__doc_table_release_layout(doc_block *b);

#define DOC_EPS 0.01

#endif
