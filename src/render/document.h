/* The document layer: an A4 Thai official document, built as a list of
 * blocks (headings, paragraphs, list items, tables, figures, images) and
 * written as a PDF with embedded fonts, extractable text, metadata, an
 * outline of the headings and page numbers. Every document itakit makes
 * (the measures report, the comparison) says only what is in it; the layer
 * numbers headings ("๒." / "๒.๑"), tables and figures ("ตารางที่ ๓") and
 * list items in the document's digits, words the generated labels in its
 * language, breaks lines (data/keep_together.txt, numbers kept with their
 * words) and pages (the rules in doc_layout.c).
 *
 * Typical use:
 *
 *     itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
 *     o.title = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส";
 *     itakit_document *doc;
 *     if (itakit__document_new(&doc, &o) != 0) ...
 *     itakit__document_heading(doc, 1, "๑. ความเป็นมา");
 *     itakit__document_paragraph(doc, "...", NULL);
 *     itakit__document_table(doc, &table);            // columns, caption
 *     itakit__document_table_row(doc, 0, cells);      // as many as needed
 *     rc = itakit__document_write_pdf(doc, "out.pdf");
 *     itakit__document_free(doc);
 *
 * Ownership: every string and array passed in is copied; the caller may free
 * it as soon as the call returns. The exceptions are a figure's `user`
 * pointer, which must stay valid until the last itakit__document_write_pdf
 * call on the document, and nothing else. A document can be written any
 * number of times; the output depends only on its content and, for the PDF
 * dates, on SOURCE_DATE_EPOCH (set it for byte-identical output).
 *
 * The model and the back end are apart: the builder functions below only
 * append blocks (render/doc_internal.h: doc_block) to doc->blocks, with
 * every number already decided (a heading's label "๒.๑", a caption's
 * table or figure number, a list item's number) and every word the layer
 * generates in the document's language and digits. The PDF back end
 * (doc_layout.c, doc_table.c) lays them out; a second back end (a DOCX
 * writer) walks the same array in order and maps each kind to its own
 * element: DOC_HEADING (level, label, text), DOC_PARAGRAPH (text, style),
 * DOC_ITEM (list kind, level, number, text), DOC_TABLE (caption + number,
 * columns with relative widths and alignments, rows with ITAKIT_ROW_*
 * flags, the first nheader rows repeated as headers), DOC_FIGURE (size,
 * caption + number, and a draw callback it can run on any cairo surface,
 * e.g. an SVG or PNG one), DOC_IMAGE (a cairo image surface), DOC_SPACER,
 * DOC_PAGE_BREAK. It reads no field marked "layout" there, and leaves page
 * breaking to the word processor (keep-with-next on headings and captions,
 * cantSplit on rows, repeated header rows) as doc_layout.c does by hand.
 *
 * Units are PostScript points (1/72 inch); ITAKIT_CM converts. Every function
 * returns 0 or a negative ITAKIT_E* code with a message (itakit/error.h). */
#ifndef ITAKIT_RENDER_DOCUMENT_H
#define ITAKIT_RENDER_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <cairo.h>

#include "itakit/text.h"
#include "render/text_layout.h"

#define ITAKIT_CM(x) ((x) * 72.0 / 2.54)
#define ITAKIT_A4_WIDTH 595.28
#define ITAKIT_A4_HEIGHT 841.89

typedef struct itakit_document itakit_document;

typedef enum {
	ITAKIT_PAGE_NUMBERS_NONE,
	/* TOP for a Thai document, FOOTER for an English one */
	ITAKIT_PAGE_NUMBERS_AUTO,
	/* Thai official style: "- ๒ -" at the top centre from page 2 on (page 1
	 * has none); the running header then moves to the foot of the page */
	ITAKIT_PAGE_NUMBERS_TOP,
	/* "หน้า ๓ จาก ๘" / "Page 3 of 8" centred in the footer on every page */
	ITAKIT_PAGE_NUMBERS_FOOTER
} itakit_page_numbers;

typedef struct {
	/* Page: A4 portrait with the margins of Thai government documents
	 * (left 3 cm for binding, the others 2 cm). Footer and running header
	 * are drawn inside the bottom and top margins. */
	double page_width, page_height;
	double margin_left, margin_right, margin_top, margin_bottom;
	const char *font_family; /* NULL: ITAKIT_DEFAULT_FONT (Laksaman) */
	double font_size;        /* body size in points (16) */
	itakit_digits digits;    /* page numbers, caption and list numbers */
	itakit_lang lang;        /* language of generated words: หน้า/Page, ตารางที่/Table */
	/* PDF metadata (NULL: omitted; creator NULL: "itakit <version>"). */
	const char *title, *author, *subject, *keywords, *creator;
	/* Short title drawn at the top of every page (at the foot when page
	 * numbers are at the top; NULL: none), and whether the first page gets
	 * it too (a title page usually does not). */
	const char *running_header;
	bool running_header_on_first_page;
	itakit_page_numbers page_numbers;
	bool number_headings;    /* the layer numbers headings (true) */
} itakit_document_options;

#define ITAKIT_DOCUMENT_OPTIONS_INIT {ITAKIT_A4_WIDTH, ITAKIT_A4_HEIGHT, \
	ITAKIT_CM(3.0), ITAKIT_CM(2.0), ITAKIT_CM(2.5), ITAKIT_CM(2.0), \
	NULL, 16.0, ITAKIT_DIGITS_THAI, ITAKIT_LANG_TH, \
	NULL, NULL, NULL, NULL, NULL, NULL, false, ITAKIT_PAGE_NUMBERS_AUTO, true}

/* Creates an empty document; opts NULL means ITAKIT_DOCUMENT_OPTIONS_INIT.
 * The options (and their strings) are copied. Free with
 * itakit__document_free. Returns ITAKIT_EUSAGE when the page leaves no room
 * for text. The font is checked when writing, not here. */
int itakit__document_new(itakit_document **out, const itakit_document_options *opts);

/* Frees doc and everything it owns. NULL is allowed. */
void itakit__document_free(itakit_document *doc);

/* Heading of level 1 or 2 (bold, larger), numbered by the layer ("๒. text",
 * "๒.๑ text" in the document's digits; a level 1 restarts the level-2
 * count) unless the options say number_headings = false, and added to the
 * PDF outline (level 2 nested under the last level 1). A heading stays on
 * the page of the first two lines of what follows it. */
int itakit__document_heading(itakit_document *doc, int level, const char *text);

/* Number the next heading of level (1 or 2), table or figure will get, so
 * that text can refer to it ("ดังตารางที่ ๓") before adding it. */
typedef enum { ITAKIT_NEXT_SECTION, ITAKIT_NEXT_SUBSECTION, ITAKIT_NEXT_TABLE,
	       ITAKIT_NEXT_FIGURE } itakit_document_counter;
int itakit__document_next_number(const itakit_document *doc, itakit_document_counter what);

/* A word or name the document never breaks across lines (a unit's name),
 * besides data/keep_together.txt; one wider than its column still breaks
 * between its words. */
int itakit__document_keep_together(itakit_document *doc, const char *word);

typedef struct {
	itakit_align align;  /* LEFT */
	bool justify;        /* in a Thai document, both edges flush (the last
	                        line of a paragraph left): the slack is shared by
	                        every gap between clusters, never inside one; an
	                        English document is ragged right throughout */
	double first_indent; /* extra indent of the first line, points */
	double left_indent;  /* indent of every line, points */
	double size;         /* 0: body size */
	bool bold;
	bool markup;         /* text is pango markup: <b>, <i>, <big>, <small>,
	                        <span weight= size=>; colours and underlines
	                        are not drawn (the text is black) */
	double space_after;  /* points; < 0: half the body size */
	bool keep_with_next; /* never end a page with this paragraph (titles) */
} itakit_paragraph_style;

#define ITAKIT_PARAGRAPH_STYLE_INIT {ITAKIT_ALIGN_LEFT, true, 0, 0, 0, false, false, -1, false}

/* A paragraph; "\n" starts a new line within it. style NULL: justified,
 * no indent, body size. Invalid markup is ITAKIT_EINPUT. A paragraph may
 * break across pages between lines, leaving at least two lines on each side. */
int itakit__document_paragraph(itakit_document *doc, const char *text,
			      const itakit_paragraph_style *style);

typedef enum { ITAKIT_LIST_BULLET, ITAKIT_LIST_NUMBER } itakit_list_kind;

/* A list item with a hanging indent (wrapped lines align after the
 * marker). level 0 or 1 (nested). Numbered items count up from 1 (in the
 * document's digits) and restart after any block that is not a list item of
 * the same or a deeper level. text is plain text. */
int itakit__document_list_item(itakit_document *doc, itakit_list_kind kind, int level,
			      const char *text);

/* Table rows. Flags combine. */
enum {
	ITAKIT_ROW_HEADER = 1 << 0, /* an extra header row: repeated on each page;
	                               only before the first body row */
	ITAKIT_ROW_BOLD = 1 << 1,   /* bold text (e.g. a flagged indicator) */
	ITAKIT_ROW_TINT = 1 << 2,   /* light warm background (e.g. flagged) */
	ITAKIT_ROW_TOTAL = 1 << 3   /* bold on a grey background (sums, overall) */
};

typedef struct {
	const char *title;  /* header cell text ("\n" allowed); NULL: empty */
	double width;       /* relative width (> 0); the table fills the text width */
	itakit_align align; /* body cells: LEFT for text, RIGHT for numbers */
} itakit_table_column;

typedef struct {
	const itakit_table_column *columns;
	size_t ncolumns;        /* 1..32 */
	const char *caption;    /* NULL: none; else "ตารางที่ ๑ <caption>" above */
	double font_size;       /* 0: body size */
} itakit_table_options;

/* Starts a table. Cells are plain text; "\n" separates paragraphs in a cell,
 * and a paragraph that starts with a number or bullet marker ("๑. ", "2) ",
 * "- ", "• ") gets a hanging indent so its wrapped lines align after the
 * marker. The table starts on a page only where its caption, header and
 * first three rows fit; the header row(s) repeat on every page the table
 * occupies under "ตารางที่ ๓ (ต่อ)"; a row that does not fit moves to the
 * next page whole, except one taller than a page, or of a third of a page
 * or more that would leave the page under DOC_MIN_FILL: that one is split
 * between lines and marked "(มีต่อหน้าถัดไป)". A cell with a word wider
 * than its column is set smaller (within limits) instead of breaking it. */
int itakit__document_table(itakit_document *doc, const itakit_table_options *table);

/* Appends a row to the table just started (ITAKIT_EUSAGE when the last block
 * is not a table, or a header row follows a body row). cells holds
 * ncolumns strings; NULL cells are empty. */
int itakit__document_table_row(itakit_document *doc, unsigned flags, const char *const *cells);

/* Draws vector content into a box of width x height points whose top-left
 * corner is the origin of cr; the box is clipped. Returns 0, or an ITAKIT_E*
 * code (with itakit_error_set) that aborts the write. */
typedef int (*itakit_draw_fn)(cairo_t *cr, double width, double height, void *user);

/* A figure: a box width x height (width <= 0 or wider than the text: the
 * text width; height at most the text height) centred, with
 * "แผนภูมิที่ ๑ <caption>" below it (caption NULL: no caption, no number).
 * Never split. When it does not fit the rest of a page it is drawn smaller
 * (down to 70% of its height) or placed after the text that follows it in
 * its section, so that the page is not left part empty; draw must lay out
 * for the height it is given. draw is called once per write. */
int itakit__document_figure(itakit_document *doc, double width, double height,
			   itakit_draw_fn draw, void *user, const char *caption);

/* A PNG image (e.g. an agency logo), scaled to width points (<= 0: its pixel
 * size at 72 dpi, at most the text width). The file is read now: a missing
 * or broken file is ITAKIT_ENOTFOUND / ITAKIT_EINPUT naming the path. */
int itakit__document_image(itakit_document *doc, const char *png_path, double width,
			  itakit_align align);

/* Vertical space in points (dropped at the top of a page). */
int itakit__document_spacer(itakit_document *doc, double points);

/* Starts a new page (ignored when already at the top of a page). */
int itakit__document_page_break(itakit_document *doc);

/* Lays out and writes the document as a PDF through a temporary file
 * renamed over path (itakit_atomic_open): on any error nothing is left.
 * Checks first that the font exists and shapes every character
 * (ITAKIT_ENOTFOUND naming the font and its Debian package). The PDF dates
 * come from SOURCE_DATE_EPOCH when set (a malformed value is ITAKIT_EUSAGE),
 * else from the clock. *pages (may be NULL) receives the page count. */
int itakit__document_write_pdf(itakit_document *doc, const char *path, int *pages);

/* Writes the document as an editable Word file (Office Open XML, .docx)
 * through the temporary-file-and-rename writer (render/docx.c): the same
 * blocks, headings as the Heading1/Heading2 styles, page breaking left to
 * the word processor. Dates from SOURCE_DATE_EPOCH as for the PDF (same
 * input and SOURCE_DATE_EPOCH: the same bytes). */
int itakit__document_write_docx(itakit_document *doc, const char *path);

/* The one place a document's format is chosen: a path ending in ".docx"
 * (case ignored) is written by itakit__document_write_docx (*pages 0), any
 * other by itakit__document_write_pdf. */
int itakit__document_write(itakit_document *doc, const char *path, int *pages);

#endif
