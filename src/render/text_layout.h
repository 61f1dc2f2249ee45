/* The one text-layout helper: every piece of text drawn by itakit goes
 * through here, so fonts are named explicitly, the language is Thai (for
 * libthai line breaking and correct shaping), the resolution is 72 dpi on
 * every surface (1 pango point = 1 cairo unit), and hinting is off so that
 * PNG, SVG and PDF lay out identically and reproducibly. */
#ifndef ITAKIT_RENDER_TEXT_LAYOUT_H
#define ITAKIT_RENDER_TEXT_LAYOUT_H

#include <stdbool.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define ITAKIT_DEFAULT_FONT "Laksaman"

typedef enum { ITAKIT_ALIGN_LEFT, ITAKIT_ALIGN_CENTER, ITAKIT_ALIGN_RIGHT } itakit_align;

/* Words a line never breaks inside (compounds that libthai's dictionary
 * splits, unit names), longest first. Every wrapped text keeps the words of
 * data/keep_together.txt whole (read from the data directory, else the copy
 * compiled in); a style may add its own list (a document's unit names). A
 * word wider than the line is left breakable. */
typedef struct {
	char **words;
	size_t n, cap;
	void *index;  /* private: the words by first character, for matching a
			 text in one pass however long the list (a national
			 comparison keeps 8,000 unit names whole) */
} itakit_keep_list;

#define ITAKIT_KEEP_LIST_INIT {NULL, 0, 0, NULL}

/* Adds one word (copied; empty or already listed: nothing). 0 or
 * ITAKIT_ENOMEM. */
int itakit__text_keep_add(itakit_keep_list *l, const char *word);
/* Adds the words of a list file's text: one a line, "#" starts a comment. */
int itakit__text_keep_parse(itakit_keep_list *l, const char *text, size_t len);
void itakit__text_keep_release(itakit_keep_list *l);
/* The shipped list, loaded once per process (never NULL). */
const itakit_keep_list *itakit__text_keep_default(void);

/* A byte range [start, end) of a text that a line never breaks inside:
 * a listed word (word) or a number with the word it counts or the one that
 * introduces it ("๘๒.๘๘ คะแนน", "พ.ศ. ๒๕๖๖"). */
typedef struct {
	size_t start, end;
	bool word;
} itakit_text_span;

/* The spans of text kept whole by the rules every wrapped text follows,
 * for a back end that leaves line breaking to another program: the words
 * of the shipped list and of extra (NULL: none; the longer where two
 * overlap), then the numbers with their words, each group by start. fit:
 * NULL, or a wrapped layout whose lines the words must fit in (its font and
 * width; a word wider is left out, breakable, as in a layout of that
 * style). *out is malloc'd (free it; NULL when *n is 0). 0 or
 * ITAKIT_ENOMEM. */
int itakit__text_keep_spans(itakit_text_span **out, size_t *n, const char *text,
			    const itakit_keep_list *extra, PangoLayout *fit);

typedef struct {
	const char *family;   /* NULL: ITAKIT_DEFAULT_FONT */
	double size;          /* points */
	bool bold;
	bool italic;
	double color[3];      /* RGB 0..1 */
	itakit_align align;
	bool justify;         /* justify all lines but the last of each paragraph
	                         (itakit__text_justify, not pango's own) */
	double width;         /* wrap width in points; <= 0: no wrapping */
	double line_spacing;  /* factor of the font's line height; 0 = 1.0 */
	bool markup;          /* text is pango markup */
	double indent;        /* first line of each paragraph, points; negative:
	                         hanging indent (the other lines are indented) */
	double tab;           /* tab stops every `tab` points; 0: pango's default */
	const itakit_keep_list *keep; /* words kept whole besides the shipped
	                         list (NULL: none) */
} itakit_text_style;

#define ITAKIT_TEXT_STYLE_INIT {NULL, 12.0, false, false, {0, 0, 0}, ITAKIT_ALIGN_LEFT, false, 0, 0, false, 0, 0, NULL}

/* A layout for text in style on cr. The caller owns the result
 * (g_object_unref). Never NULL (pango aborts on out of memory). */
PangoLayout *itakit__text_layout(cairo_t *cr, const itakit_text_style *style, const char *text);

/* Justifies a left-aligned, wrapped layout in place: every line but the
 * last of a paragraph is stretched to the layout width. One method for
 * every line, Thai or English (no mix of word and letter spacing): the
 * slack is shared equally by every gap between grapheme clusters, spaces
 * included, never inside a cluster (tone marks stay on their base). pango's
 * own justification would put all of it into the few spaces a Thai line
 * has, leaving holes. The gaps stay small enough that PDF text extraction
 * adds no spaces inside Thai words. Changes the glyph widths of the laid-out
 * lines: call it last, after every property that re-lays out the text; line
 * widths reported by pango afterwards are the unjustified ones. */
void itakit__text_justify(PangoLayout *layout);

/* Logical size of a layout in points. */
void itakit__text_size(PangoLayout *layout, double *width, double *height);

/* Baseline of the first line, from the top of the layout, in points. */
double itakit__text_baseline(PangoLayout *layout);

/* Draws one laid-out line with its origin (left end of the baseline) at the
 * current point, like pango_cairo_show_layout_line but keeping PDF text
 * extractable: each run of non-space text is one cluster, which cairo maps
 * to its characters with /ActualText. Drawn glyph by glyph, the zero-width
 * Thai marks (placed left of the pen) make poppler and other extractors
 * see gaps and insert spaces inside words or reorder marks ("เป็ น").
 * Markup colours and underlines are not drawn: the source of cr is used. */
void itakit__text_show_line(cairo_t *cr, PangoLayoutLine *line);

/* Draws layout with its top-left corner at (x, y) in style's colour. */
void itakit__text_draw(cairo_t *cr, PangoLayout *layout, const itakit_text_style *style,
		      double x, double y);

/* Lays out, draws, and returns the height used: the common case. */
double itakit__text_show(cairo_t *cr, const itakit_text_style *style, const char *text,
			double x, double y);

/* Measures text without drawing. */
void itakit__text_measure(cairo_t *cr, const itakit_text_style *style, const char *text,
			 double *width, double *height);

/* Number of lines of a wrapped layout that start inside a word: pango had
 * to break a word wider than the line between its letters. */
int itakit__text_broken_words(PangoLayout *layout);

/* Number of words of the keep-together lists in the layout's text that are
 * wider than its lines, and so were left breakable. */
int itakit__text_unfit_words(PangoLayout *layout);

/* Number of characters drawn as "unknown glyph" boxes (0 when all shaped). */
int itakit__text_unknown_glyphs(PangoLayout *layout);
/* Like itakit__text_layout, but a layout of the same text in the same style
 * on the same kind of surface is shaped once and shared (a new reference:
 * unref it; never change it). Texts holding a word of style->keep are laid
 * out afresh. itakit__text_shared_sweep, at the start of a document, drops
 * what the previous document did not use, so the cache holds about one
 * document's texts. Per thread. */
PangoLayout *itakit__text_layout_shared(cairo_t *cr, const itakit_text_style *style, const char *text);
/* The same, a wrapped text cut at max_lines lines, the last ending in "…"
 * (0: all lines; a chart's long names). */
PangoLayout *itakit__text_layout_shared_cut(cairo_t *cr, const itakit_text_style *style, const char *text,
					    int max_lines);
void itakit__text_shared_sweep(void);

/* Checks that fontconfig has the family itself (not a substitute). Returns 0,
 * or ITAKIT_ENOTFOUND with a message naming the font and the Debian package
 * that provides it. */
int itakit__font_check(const char *family);

#endif
