/* The DOCX back end of the document layer: walks doc->blocks in order and
 * writes each block as WordprocessingML (ECMA-376), so that the document
 * opens as an editable file in Word or LibreOffice Writer with the content
 * and structure of the PDF. Page breaking is left to the word processor:
 * headings and captions keep with the next paragraph, a table row under a
 * third of a page does not split (a taller one may, as in the PDF), header
 * rows repeat on every page.
 *
 * Choices:
 * - headings use the styles Heading1/Heading2 (outline levels 0 and 1) so
 *   the navigation pane and a table of contents find them; the layer's
 *   number ("๒.๑") is part of the heading's text, as in the PDF;
 * - list numbers are written as text (the model already decided them, in
 *   the document's digits) followed by a tab, with a hanging indent: no
 *   w:numPr, so nothing renumbers them behind the author's back;
 * - Thai paragraphs are justified with w:jc="thaiDistribute" (the slack
 *   shared between characters, the last line left), English ones left;
 * - the language follows the script: a run holds Thai or Latin text (runs
 *   are split where the script changes); a Thai run is complex script
 *   (w:cs), which makes Word give it the complex-script language, Thai
 *   (w:bidi); a Latin run is English (w:lang w:val). No style sets w:cs:
 *   every run would be Thai, and English words broken by the Thai
 *   dictionary ("Assess|ment");
 * - the words the PDF keeps whole carry invisible joiners (kept_text);
 * - figures are drawn by their callback on an image surface at
 *   DOCX_DPI and embedded as PNG; images likewise, at their own pixels;
 * - page numbers are PAGE fields (NUMPAGES for "of N"). In a document with
 *   Thai digits both fields carry the format switch "\* THAIARABIC" (the
 *   standard's spelling, ECMA-376 17.16.4.3) and the section's page numbers
 *   are w:pgNumType w:fmt="thaiNumbers" (for page numbers the author adds),
 *   so Word shows "๒" and "๑๒". LibreOffice (7.4) has no DOCX markup for
 *   Thai digits: it maps neither thaiNumbers nor any switch to its native
 *   numbering, and it reads the mixed-case "\* ThaiArabic" as Thai letters
 *   (ก ข ค), a wrong page number; the upper-case switch it does not know,
 *   so it falls back to the section's format and shows Arabic digits, the
 *   right number in the wrong digits;
 * - the parts are built in memory, zipped by libzip in a fixed order with
 *   every entry's time from SOURCE_DATE_EPOCH (its UTC date and time, so
 *   the bytes are the same in every time zone), and written through the
 *   temporary-file-and-rename writer. */
#include "render/doc_internal.h"
#include "render/cairo_output.h"
#include "render/png_writer.h"
#include "itakit/error.h"
#include "itakit/fileio.h"
#include "itakit/itakit.h"
#include "itakit/strbuf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "core/office_libs.h"

/* Resolution of the figures' pixels. */
#define DOCX_DPI 200.0

/* Points to twentieths of a point (twips) and to English metric units. */
static long twips(double pt) { return lround(pt * 20.0); }
static long emu(double pt) { return lround(pt * 12700.0); }
/* Points to half-points (w:sz). */
static long half_points(double pt) { return lround(pt * 2.0); }

typedef struct {
	unsigned char *data;
	size_t len;
	double w, h;    /* points */
} docx_png;

typedef struct {
	itakit_document *doc;
	itakit_strbuf body;
	docx_png *pngs;
	size_t npngs, pngcap;

	double text_w;  /* points */
	cairo_t *measure; /* measures text as the PDF does (table cells' markers) */
} docx_writer;

/* ---- XML text ------------------------------------------------------------- */

/* Appends s escaped for XML character data and attribute values; bytes that
 * XML 1.0 forbids (control characters) are dropped. */
static void xml_escape(itakit_strbuf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				rep = "";
		}
		if (rep) {
			itakit_strbuf_append_n(b, s + run, i - run);
			itakit_strbuf_append(b, rep);
			run = i + 1;
		}
	}
	itakit_strbuf_append_n(b, s + run, n - run);
}

static void xml_str(itakit_strbuf *b, const char *s)
{
	if (s)
		xml_escape(b, s, strlen(s));
}

/* Run properties: bold, italic, size (0: the style's), shading none; keep:
 * the document's own words kept whole (unit names) besides the shipped
 * list. */
typedef struct {
	bool bold, italic;
	double size;
	const itakit_keep_list *keep;
	PangoLayout *fit; /* NULL, or the lines kept words must fit (a table
			     cell's: a wider word is left breakable) */
} run_props;

/* Run properties; cs: the run is Thai text, complex script (Word gives
 * the Thai language, w:bidi, only to such runs). */
static void rpr_cs(itakit_strbuf *b, const run_props *r, bool cs)
{
	if (!r->bold && !r->italic && !(r->size > 0) && !cs)
		return;
	itakit_strbuf_append(b, "<w:rPr>");
	if (r->bold)
		itakit_strbuf_append(b, "<w:b/><w:bCs/>");
	if (r->italic)
		itakit_strbuf_append(b, "<w:i/><w:iCs/>");
	if (r->size > 0)
		itakit_strbuf_appendf(b, "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>",
				      half_points(r->size), half_points(r->size));
	if (cs)
		itakit_strbuf_append(b, "<w:cs/>");
	itakit_strbuf_append(b, "</w:rPr>");
}

static void rpr(itakit_strbuf *b, const run_props *r)
{
	rpr_cs(b, r, false);
}

/* ---- words kept whole ------------------------------------------------------ */

/* The word processor breaks the lines, with its own Thai dictionary, which
 * splits compounds the PDF keeps whole ("ภาพ|รวม", "ความ|โปร่งใส"). The
 * rules of the text layer (text_layout.c: the keep-together list, the
 * document's unit names, a number with its word) are carried over as
 * characters every Unicode line breaker honours and that draw nothing:
 * - inside a kept word, U+2060 WORD JOINER before each letter that could
 *   start a syllable (a consonant or a leading vowel, never a mark, so
 *   shaping and tone marks are untouched);
 * - at the edges of a kept word that touches other Thai letters, U+200B
 *   ZERO WIDTH SPACE: cut into pieces by the joiners, the word no longer
 *   shows the dictionary where it starts and ends, and LibreOffice would
 *   otherwise glue it to its neighbours and break one of them by force;
 * - the space between a number and its word becomes U+00A0 NO-BREAK
 *   SPACE (and a bracket before the number is joined to the space before
 *   it, see mark_span). A space inside a kept name ("Bangkok Metropolitan
 *   Administration") stays a space: the PDF too breaks a name wider than
 *   its line between its words, and the DOCX does not know the widths of
 *   its lines. */
#define KEEP_JOIN 1  /* a word joiner before this byte */
#define KEEP_EDGE 2  /* a zero width space before this byte */
#define KEEP_NBSP 4  /* this space is written as a no-break space */

static bool thai_letter(uint32_t cp) { return cp >= 0x0E01 && cp <= 0x0E4F; }
static bool thai_lead_vowel(uint32_t cp) { return cp >= 0x0E40 && cp <= 0x0E44; }
static bool syllable_start(uint32_t cp) { return (cp >= 0x0E01 && cp <= 0x0E2E) || thai_lead_vowel(cp); }

/* The code point at s + i (0 outside [0, n) or where s is not UTF-8). */
static uint32_t cp_at(const char *s, size_t n, size_t i)
{
	uint32_t cp = 0;
	if (i >= n || !itakit_utf8_decode(s + i, n - i, &cp))
		return 0;
	return cp;
}

/* The code point that ends at s + i (0 at the start). */
static uint32_t cp_before(const char *s, size_t n, size_t i)
{
	if (i == 0)
		return 0;
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	return cp_at(s, n, j);
}

static void mark_span(unsigned char *mark, const char *s, size_t n, const itakit_text_span *sp)
{
	if (sp->word && thai_letter(cp_at(s, n, sp->start)) && thai_letter(cp_before(s, n, sp->start)))
		mark[sp->start] |= KEEP_EDGE;
	if (sp->word && thai_letter(cp_before(s, n, sp->end)) && thai_letter(cp_at(s, n, sp->end)))
		mark[sp->end] |= KEEP_EDGE;
	/* LibreOffice (7.4) takes no break at the space before a bracketed
	 * number in Thai text: it breaks inside the brackets, at the no-break
	 * space or after the decimal point ("(๘๒.|๘๘ คะแนน)"). Joined to that
	 * space, the bracket moves to the next line with the word before it. */
	if (!sp->word && sp->start >= 2 && s[sp->start - 1] == '(' && s[sp->start - 2] == ' ')
		mark[sp->start - 1] |= KEEP_JOIN;
	uint32_t prev = 0;
	for (size_t i = sp->start; i < sp->end; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		uint32_t cp = cp_at(s, n, i);
		if (cp == ' ' && !sp->word)
			mark[i] |= KEEP_NBSP;
		else if (sp->word && i > sp->start && syllable_start(cp) && thai_letter(prev) &&
			 !thai_lead_vowel(prev))
			mark[i] |= KEEP_JOIN;
		prev = cp;
	}
}

/* The marks (KEEP_*) of s[0..n) for the kept words and numbers of
 * text_layout.c: n + 1 bytes, calloc'd (NULL: out of memory). */
static unsigned char *keep_marks(const char *s, size_t n, const itakit_keep_list *keep, PangoLayout *fit)
{
	char *text = malloc(n + 1);
	unsigned char *mark = calloc(n + 1, 1);
	itakit_text_span *spans = NULL;
	size_t nspans = 0;
	if (!text || !mark || (memcpy(text, s, n), text[n] = '\0',
			       itakit__text_keep_spans(&spans, &nspans, text, keep, fit))) {
		free(text);
		free(mark);
		return NULL;
	}
	for (size_t k = 0; k < nspans; k++)
		mark_span(mark, s, n, &spans[k]);
	free(spans);
	free(text);
	return mark;
}

/* Appends s[a..z) escaped for XML with its marks (mark[a..z): what goes
 * before each byte). */
static void marked_text(itakit_strbuf *b, const char *s, const unsigned char *mark, size_t a, size_t z)
{
	size_t run = a;
	for (size_t i = a; i < z; i++) {
		if (!mark[i])
			continue;
		xml_escape(b, s + run, i - run);
		run = i;
		if (mark[i] & KEEP_EDGE)
			itakit_strbuf_append(b, "\u200B");
		if (mark[i] & KEEP_JOIN)
			itakit_strbuf_append(b, "\u2060");
		if (mark[i] & KEEP_NBSP) {
			itakit_strbuf_append(b, "\u00A0");
			run = i + 1;
		}
	}
	xml_escape(b, s + run, z - run);
}

/* Whether a character is a letter of a script other than Thai (then a run
 * is Latin text), of Thai (complex script), or neither (spaces, digits,
 * punctuation, joiners: they go with the text before them). */
typedef enum { SCRIPT_NEUTRAL, SCRIPT_LATIN, SCRIPT_THAI } script_kind;

static script_kind script_of(uint32_t cp)
{
	if (cp >= 0x0E01 && cp <= 0x0E7F && !(cp >= 0x0E50 && cp <= 0x0E59))
		return SCRIPT_THAI;
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 &&
								     cp != 0xF7 && !(cp >= 0x0E00 && cp <= 0x0E7F)))
		return SCRIPT_LATIN;
	return SCRIPT_NEUTRAL;
}

/* The end of the script segment of s[0..n) that starts at a: the next
 * letter of the other script. *thai: the segment is Thai. */
static size_t script_segment(const char *s, size_t n, size_t a, bool *thai)
{
	script_kind seg = SCRIPT_NEUTRAL;
	size_t i = a;
	while (i < n) {
		uint32_t cp = 0;
		size_t len = itakit_utf8_decode(s + i, n - i, &cp);
		if (!len)
			len = 1;
		script_kind k = script_of(cp);
		if (k != SCRIPT_NEUTRAL) {
			if (seg == SCRIPT_NEUTRAL)
				seg = k;
			else if (k != seg)
				break;
		}
		i += len;
	}
	*thai = seg == SCRIPT_THAI;
	return i;
}

/* Runs of n bytes of plain text: "\n" is a line break, "\t" a tab. A run
 * holds one script: Thai text is complex script, the rest not. */
static void runs(itakit_strbuf *b, const char *s, size_t n, const run_props *r)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '\n' && s[j] != '\t')
			j++;
		unsigned char *mark = j > i ? keep_marks(s + i, j - i, r->keep, r->fit) : NULL;
		if (j > i && !mark) {
			b->oom = true;
			return;
		}
		size_t a = 0;
		do {
			bool thai = false;
			size_t z = j > i ? script_segment(s + i, j - i, a, &thai) : 0;
			itakit_strbuf_append(b, "<w:r>");
			rpr_cs(b, r, thai);
			if (z > a) {
				itakit_strbuf_append(b, "<w:t xml:space=\"preserve\">");
				marked_text(b, s + i, mark, a, z);
				itakit_strbuf_append(b, "</w:t>");
			}
			if (z == j - i && j < n)
				itakit_strbuf_append(b, s[j] == '\n' ? "<w:br/>" : "<w:tab/>");
			itakit_strbuf_append(b, "</w:r>");
			a = z;
		} while (a < j - i);
		free(mark);
		i = j < n ? j + 1 : j;
	}
}

/* Pango markup as runs: bold, italic and size spans kept, the rest (colours,
 * underlines) dropped as the PDF drops them. */
static int markup_runs(itakit_strbuf *b, const char *markup, const run_props *base)
{
	PangoAttrList *attrs = NULL;
	char *text = NULL;
	GError *err = NULL;
	if (!pango_parse_markup(markup, -1, 0, &attrs, &text, NULL, &err)) {
		int rc = itakit_error_set(ITAKIT_EINPUT, "invalid markup: %s", err ? err->message : "?");
		if (err)
			g_error_free(err);
		return rc;
	}
	size_t n = strlen(text);
	PangoAttrIterator *it = pango_attr_list_get_iterator(attrs);
	do {
		int a, z;
		pango_attr_iterator_range(it, &a, &z);
		if (a < 0)
			a = 0;
		if (z < 0 || (size_t)z > n)
			z = (int)n;
		if (z <= a)
			continue;
		run_props r = *base;
		double base_size = base->size;
		PangoAttribute *at;
		if ((at = pango_attr_iterator_get(it, PANGO_ATTR_WEIGHT)))
			r.bold = ((PangoAttrInt *)at)->value >= PANGO_WEIGHT_SEMIBOLD;
		if ((at = pango_attr_iterator_get(it, PANGO_ATTR_STYLE)))
			r.italic = ((PangoAttrInt *)at)->value != PANGO_STYLE_NORMAL;
		if ((at = pango_attr_iterator_get(it, PANGO_ATTR_SIZE)))
			r.size = ((PangoAttrSize *)at)->size / (double)PANGO_SCALE;
		if ((at = pango_attr_iterator_get(it, PANGO_ATTR_SCALE)))
			r.size = (r.size > 0 ? r.size : base_size) * ((PangoAttrFloat *)at)->value;
		runs(b, text + a, (size_t)(z - a), &r);
	} while (pango_attr_iterator_next(it));
	pango_attr_iterator_destroy(it);
	pango_attr_list_unref(attrs);
	g_free(text);
	return 0;
}

/* ---- blocks --------------------------------------------------------------- */

static const char *jc(itakit_align a)
{
	return a == ITAKIT_ALIGN_CENTER ? "center" : a == ITAKIT_ALIGN_RIGHT ? "right" : "left";
}

static void caption_para(docx_writer *w, const doc_block *b, const char *word_th,
			 const char *word_en, itakit_align align, bool keep_next)
{
	itakit_strbuf *s = &w->body;
	char num[32];
	itakit_format_int(num, sizeof num, b->number, w->doc->o.digits);
	itakit_strbuf_appendf(s, "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/>%s<w:jc w:val=\"%s\"/></w:pPr>",
			      keep_next ? "<w:keepNext/>" : "", jc(align));
	char label[96];
	snprintf(label, sizeof label, "%s %s",
		 w->doc->o.lang == ITAKIT_LANG_EN ? word_en : word_th, num);
	run_props bold = {true, false, 0, &w->doc->keep, NULL};
	run_props plain = {false, false, 0, &w->doc->keep, NULL};
	runs(s, label, strlen(label), &bold);
	runs(s, "  ", 2, &plain);
	runs(s, b->caption, strlen(b->caption), &plain);
	itakit_strbuf_append(s, "</w:p>");
}

static void heading(docx_writer *w, const doc_block *b)
{
	itakit_strbuf *s = &w->body;
	itakit_strbuf_appendf(s, "<w:p><w:pPr><w:pStyle w:val=\"Heading%d\"/></w:pPr>", b->level == 1 ? 1 : 2);
	run_props r = {false, false, 0, &w->doc->keep, NULL};
	if (b->label) {
		runs(s, b->label, strlen(b->label), &r);
		runs(s, " ", 1, &r);
	}
	runs(s, b->text, strlen(b->text), &r);
	itakit_strbuf_append(s, "</w:p>");
}

static int paragraph(docx_writer *w, const doc_block *b)
{
	itakit_strbuf *s = &w->body;
	const itakit_paragraph_style *ps = &b->ps;
	const double fs = w->doc->o.font_size;
	const char *align = ps->align == ITAKIT_ALIGN_LEFT && ps->justify &&
				    w->doc->o.lang == ITAKIT_LANG_TH ? "thaiDistribute" : jc(ps->align);
	itakit_strbuf_append(s, "<w:p><w:pPr>");
	if (ps->keep_with_next)
		itakit_strbuf_append(s, "<w:keepNext/>");
	itakit_strbuf_appendf(s, "<w:spacing w:after=\"%ld\"/>", twips(ps->space_after < 0 ? fs * 0.5 : ps->space_after));
	if (ps->left_indent > 0 || ps->first_indent != 0) {
		itakit_strbuf_appendf(s, "<w:ind w:left=\"%ld\"", twips(ps->left_indent));
		if (ps->first_indent > 0)
			itakit_strbuf_appendf(s, " w:firstLine=\"%ld\"", twips(ps->first_indent));
		else if (ps->first_indent < 0)
			itakit_strbuf_appendf(s, " w:hanging=\"%ld\"", twips(-ps->first_indent));
		itakit_strbuf_append(s, "/>");
	}
	itakit_strbuf_appendf(s, "<w:jc w:val=\"%s\"/></w:pPr>", align);
	run_props r = {ps->bold, false, ps->size > 0 ? ps->size : 0, &w->doc->keep, NULL};
	int rc = 0;
	if (ps->markup) {
		if (!(r.size > 0))
			r.size = fs;
		rc = markup_runs(s, b->text, &r);
	} else {
		runs(s, b->text, strlen(b->text), &r);
	}
	itakit_strbuf_append(s, "</w:p>");
	return rc;
}

static void item(docx_writer *w, const doc_block *b)
{
	itakit_strbuf *s = &w->body;
	const double fs = w->doc->o.font_size;
	double indent = b->level * fs * 1.5;
	double hang = b->list_kind == ITAKIT_LIST_NUMBER ? fs * 1.5 : fs * 1.0;
	char marker[40];
	if (b->list_kind == ITAKIT_LIST_NUMBER) {
		itakit_format_int(marker, sizeof marker, b->number, w->doc->o.digits);
		strcat(marker, ".\t");
	} else {
		strcpy(marker, b->level == 0 ? "\u2022\t" : "-\t");
	}
	itakit_strbuf_appendf(s, "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"%ld\"/></w:tabs>"
			      "<w:spacing w:after=\"%ld\"/><w:ind w:left=\"%ld\" w:hanging=\"%ld\"/>"
			      "<w:jc w:val=\"%s\"/></w:pPr>",
			      twips(indent + hang), twips(fs * 0.2), twips(indent + hang), twips(hang),
			      w->doc->o.lang == ITAKIT_LANG_TH ? "thaiDistribute" : "left");
	run_props r = {false, false, 0, &w->doc->keep, NULL};
	runs(s, marker, strlen(marker), &r);
	runs(s, b->text, strlen(b->text), &r);
	itakit_strbuf_append(s, "</w:p>");
}

/* A table cell's left and right margins (w:tblCellMar of ItakitTable), in
 * points. */
#define CELL_PAD_X 4.0

/* A table cell as the PDF measures it: the style of its text (the
 * column's width, the hanging indent of its list markers) and the layout
 * of its lines. */
typedef struct {
	itakit_text_style st;
	long hang;        /* twips; 0: no list marker hangs */
	PangoLayout *fit; /* NULL without a measuring context */
} cell_measure;

static void cell_measure_init(cell_measure *m, docx_writer *w, const char *text, itakit_align align,
			      const run_props *r, double width)
{
	m->st = itakit__doc_style(w->doc, r->size > 0 ? r->size : w->doc->o.font_size, r->bold);
	m->st.width = width;
	m->st.align = align;
	m->hang = 0;
	m->fit = NULL;
	if (!w->measure)
		return;
	/* rounded up: a marker a hair wider than its stop would tab on to the
	 * next one */
	m->hang = (long)ceil(itakit__doc_marker_hang(w->measure, &m->st, text) * 20.0);
	m->st.indent = -m->hang / 20.0;
	m->fit = itakit__text_layout(w->measure, &m->st, "");
}

static void cell_measure_release(cell_measure *m)
{
	if (m->fit)
		g_object_unref(m->fit);
}

/* The height of a cell's text in points, as the PDF lays it out (0 without
 * a measuring context). */
static double cell_height(docx_writer *w, const cell_measure *m, const char *text)
{
	double h = 0;
	if (w->measure)
		itakit__text_measure(w->measure, &m->st, text, NULL, &h);
	return h;
}

/* A table cell's text, one paragraph per line. Lines that start with a list
 * marker ("๑. ", "- ") hang as in the PDF: the marker, a tab to a stop at
 * the widest marker of the cell, and the wrapped lines indented to that
 * stop. A kept word wider than the cell's lines is left breakable. */
static void cell_paras(docx_writer *w, const char *text, const cell_measure *cm, const run_props *base)
{
	itakit_strbuf *s = &w->body;
	long hang = cm->hang;
	run_props rp = *base;
	rp.fit = cm->fit;
	const run_props *r = &rp;
	do {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		size_t m = hang > 0 ? itakit__doc_marker_length(text) : 0;
		if (m > n)
			m = 0;
		itakit_strbuf_append(s, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>");
		if (m)
			itakit_strbuf_appendf(s, "<w:tabs><w:tab w:val=\"left\" w:pos=\"%ld\"/></w:tabs>"
					      "<w:ind w:left=\"%ld\" w:hanging=\"%ld\"/>", hang, hang, hang);
		itakit_strbuf_appendf(s, "<w:jc w:val=\"%s\"/></w:pPr>", jc(cm->st.align));
		if (m) {
			size_t mk = m;
			while (mk > 0 && text[mk - 1] == ' ')
				mk--;
			runs(s, text, mk, r);
			runs(s, "\t", 1, r);
		}
		runs(s, text + m, n - m, r);
		itakit_strbuf_append(s, "</w:p>");
		text = nl ? nl + 1 : NULL;
	} while (text);
}

static void table(docx_writer *w, const doc_block *b)
{
	itakit_strbuf *s = &w->body;
	const double fs = w->doc->o.font_size;
	double size = b->font_size > 0 ? b->font_size : fs;
	if (b->caption)
		caption_para(w, b, "ตารางที่", "Table", ITAKIT_ALIGN_LEFT, true);
	double total = 0;
	for (size_t c = 0; c < b->ncols; c++)
		total += b->widths[c];
	long tw = twips(w->text_w);
	long *cw = malloc(b->ncols * sizeof *cw);
	cell_measure *cm = malloc(b->ncols * sizeof *cm);
	if (!cw || !cm) {
		free(cw);
		free(cm);
		w->body.oom = true;
		return;
	}
	const itakit_document_options *o = &w->doc->o;
	double page_text_h = o->page_height - o->margin_top - o->margin_bottom;
	long used = 0;
	for (size_t c = 0; c < b->ncols; c++) {
		cw[c] = c + 1 < b->ncols ? lround(tw * b->widths[c] / total) : tw - used;
		used += cw[c];
	}
	itakit_strbuf_appendf(s, "<w:tbl><w:tblPr><w:tblStyle w:val=\"ItakitTable\"/>"
			      "<w:tblW w:w=\"%ld\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
			      "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>", tw);
	for (size_t c = 0; c < b->ncols; c++)
		itakit_strbuf_appendf(s, "<w:gridCol w:w=\"%ld\"/>", cw[c]);
	itakit_strbuf_append(s, "</w:tblGrid>");
	for (size_t i = 0; i < b->nrows; i++) {
		const doc_row *row = &b->rows[i];
		bool header = row->flags & ITAKIT_ROW_HEADER;
		const char *fill = header ? "D9D9D9" : row->flags & ITAKIT_ROW_TINT ? "FFE8D6" :
				   row->flags & ITAKIT_ROW_TOTAL ? "EBEBEB" : NULL;
		run_props r = {header || (row->flags & (ITAKIT_ROW_BOLD | ITAKIT_ROW_TOTAL)), false,
			       size != fs ? size : 0, &w->doc->keep, NULL};
		double h = 0;
		for (size_t c = 0; c < b->ncols; c++) {
			const char *text = row->cells[c] ? row->cells[c] : "";
			cell_measure_init(&cm[c], w, text, header ? ITAKIT_ALIGN_CENTER : b->aligns[c], &r,
					  cw[c] / 20.0 - 2 * CELL_PAD_X);
			double ch = cell_height(w, &cm[c], text);
			if (ch > h)
				h = ch;
		}
		/* As in the PDF, a row that fits on a page is never split, but one
		 * of a third of a page or more may be: moved whole to the next
		 * page it would leave that much of this one empty. */
		bool tall = !header && h >= page_text_h / 3;
		itakit_strbuf_appendf(s, "<w:tr><w:trPr>%s%s</w:trPr>", tall ? "" : "<w:cantSplit/>",
				      header ? "<w:tblHeader/>" : "");
		for (size_t c = 0; c < b->ncols; c++) {
			itakit_strbuf_appendf(s, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>", cw[c]);
			if (fill)
				itakit_strbuf_appendf(s, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\"/>", fill);
			itakit_strbuf_append(s, "</w:tcPr>");
			const char *text = row->cells[c] ? row->cells[c] : "";
			cell_paras(w, text, &cm[c], &r);
			cell_measure_release(&cm[c]);
			itakit_strbuf_append(s, "</w:tc>");
		}
		itakit_strbuf_append(s, "</w:tr>");
	}
	itakit_strbuf_append(s, "</w:tbl>");
	free(cw);
	free(cm);
	/* the space after the table, and a paragraph between two tables */
	itakit_strbuf_appendf(s, "<w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"%ld\" w:lineRule=\"exact\"/>"
			      "</w:pPr></w:p>", twips(fs * 0.75));
}

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int length)
{
	itakit_strbuf *b = closure;
	itakit_strbuf_append_n(b, (const char *)data, length);
	return itakit_strbuf_ok(b) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_NO_MEMORY;
}

/* Adds the PNG of image to the package; returns its 1-based number, or a
 * negative ITAKIT_E* code. */
static int add_png(docx_writer *w, cairo_surface_t *image, double dpi, double wpt, double hpt)
{
	itakit_strbuf png = ITAKIT_STRBUF_INIT;
	int rc = itakit__png_write(image, dpi, png_sink, &png);
	if (rc) {
		itakit_strbuf_release(&png);
		return rc;
	}
	if (w->npngs == w->pngcap) {
		size_t cap = w->pngcap ? w->pngcap * 2 : 8;
		docx_png *p = realloc(w->pngs, cap * sizeof *p);
		if (!p) {
			itakit_strbuf_release(&png);
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		}
		w->pngs = p;
		w->pngcap = cap;
	}
	docx_png *p = &w->pngs[w->npngs++];
	p->len = png.len;
	p->data = (unsigned char *)itakit_strbuf_detach(&png);
	p->w = wpt;
	p->h = hpt;
	return (int)w->npngs;
}

/* A paragraph holding picture number id (1-based), inline. */
static void picture_para(docx_writer *w, int id, itakit_align align, bool keep_next, double space_after)
{
	itakit_strbuf *s = &w->body;
	const docx_png *p = &w->pngs[id - 1];
	long cx = emu(p->w), cy = emu(p->h);
	itakit_strbuf_appendf(s, "<w:p><w:pPr>%s<w:spacing w:after=\"%ld\"/><w:jc w:val=\"%s\"/></w:pPr>"
			      "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
			      "<wp:extent cx=\"%ld\" cy=\"%ld\"/><wp:docPr id=\"%d\" name=\"Picture %d\"/>"
			      "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
			      "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
			      "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
			      "<pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"image%d.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
			      "<pic:blipFill><a:blip r:embed=\"rIdImage%d\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
			      "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
			      "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
			      "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
			      keep_next ? "<w:keepNext/>" : "", twips(space_after), jc(align), cx, cy, id, id,
			      id, id, id, cx, cy);
}

static int figure(docx_writer *w, const doc_block *b)
{
	const double fs = w->doc->o.font_size;
	double wpt = b->w <= 0 || b->w > w->text_w ? w->text_w : b->w;
	double hpt = b->h;
	int pw = (int)ceil(wpt / 72.0 * DOCX_DPI), ph = (int)ceil(hpt / 72.0 * DOCX_DPI);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return itakit_error_set(ITAKIT_ENOMEM, "cannot make a %dx%d image for a figure", pw, ph);
	}
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, DOCX_DPI / 72.0, DOCX_DPI / 72.0);
	cairo_rectangle(cr, 0, 0, wpt, hpt);
	cairo_clip(cr);
	int rc = b->draw(cr, wpt, hpt, b->user);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	int id = rc ? rc : add_png(w, img, DOCX_DPI, wpt, hpt);
	cairo_surface_destroy(img);
	if (id < 0)
		return id;
	picture_para(w, id, ITAKIT_ALIGN_CENTER, b->caption != NULL, b->caption ? fs * 0.25 : fs * 0.75);
	if (b->caption)
		caption_para(w, b, "แผนภูมิที่", "Figure", ITAKIT_ALIGN_CENTER, false);
	return 0;
}

static int image(docx_writer *w, const doc_block *b)
{
	int pw = cairo_image_surface_get_width(b->image);
	double dpi = b->w > 0 ? pw / (b->w / 72.0) : 72.0;
	int id = add_png(w, b->image, dpi, b->w, b->h);
	if (id < 0)
		return id;
	picture_para(w, id, b->align, false, w->doc->o.font_size * 0.5);
	return 0;
}

static int body(docx_writer *w)
{
	itakit_document *doc = w->doc;
	itakit_strbuf *s = &w->body;
	int rc = 0;
	for (size_t i = 0; i < doc->nblocks && !rc; i++) {
		const doc_block *b = &doc->blocks[i];
		switch (b->kind) {
		case DOC_HEADING:
			heading(w, b);
			break;
		case DOC_PARAGRAPH:
			rc = paragraph(w, b);
			break;
		case DOC_ITEM:
			item(w, b);
			break;
		case DOC_TABLE:
			table(w, b);
			break;
		case DOC_FIGURE:
			rc = figure(w, b);
			break;
		case DOC_IMAGE:
			rc = image(w, b);
			break;
		case DOC_SPACER:
			itakit_strbuf_appendf(s, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" "
					      "w:line=\"%ld\" w:lineRule=\"exact\"/></w:pPr></w:p>",
					      twips(b->h > 1 ? b->h : 1));
			break;
		case DOC_PAGE_BREAK:
			itakit_strbuf_append(s, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
			break;
		}
	}
	return rc;
}

/* ---- the other parts ------------------------------------------------------ */

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char *font_of(const itakit_document *doc)
{
	return doc->o.font_family ? doc->o.font_family : ITAKIT_DEFAULT_FONT;
}

static void styles_xml(itakit_strbuf *s, const itakit_document *doc)
{
	const double fs = doc->o.font_size;
	itakit_strbuf_append(s, XML_DECL "<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"");
	xml_str(s, font_of(doc));
	itakit_strbuf_append(s, "\" w:hAnsi=\"");
	xml_str(s, font_of(doc));
	itakit_strbuf_append(s, "\" w:eastAsia=\"");
	xml_str(s, font_of(doc));
	itakit_strbuf_append(s, "\" w:cs=\"");
	xml_str(s, font_of(doc));
	itakit_strbuf_appendf(s, "\"/><w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>"
			      "<w:lang w:val=\"en-GB\" w:bidi=\"th-TH\"/></w:rPr></w:rPrDefault>"
			      "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
			      "</w:pPr></w:pPrDefault></w:docDefaults>",
			      half_points(fs), half_points(fs));
	itakit_strbuf_append(s, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
			     "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>");
	for (int level = 1; level <= 2; level++) {
		double size = fs * (level == 1 ? 1.25 : 1.125);
		itakit_strbuf_appendf(s, "<w:style w:type=\"paragraph\" w:styleId=\"Heading%d\">"
				      "<w:name w:val=\"heading %d\"/><w:basedOn w:val=\"Normal\"/>"
				      "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>"
				      "<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"%ld\" w:after=\"%ld\"/>"
				      "<w:outlineLvl w:val=\"%d\"/></w:pPr>"
				      "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/></w:rPr></w:style>",
				      level, level, twips(fs * (level == 1 ? 0.75 : 0.5)), twips(fs * 0.25),
				      level - 1, half_points(size), half_points(size));
	}
	itakit_strbuf_appendf(s, "<w:style w:type=\"paragraph\" w:styleId=\"Caption\">"
			      "<w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
			      "<w:qFormat/><w:pPr><w:spacing w:before=\"%ld\" w:after=\"%ld\"/></w:pPr></w:style>",
			      twips(fs * 0.25), twips(fs * 0.25));
	itakit_strbuf_append(s, "<w:style w:type=\"paragraph\" w:styleId=\"TableText\">"
			     "<w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>"
			     "<w:pPr><w:widowControl/><w:spacing w:after=\"0\"/></w:pPr></w:style>");
	itakit_strbuf_append(s, "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
			     "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"
			     "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
			     "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>");
	itakit_strbuf_append(s, "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
			     "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
			     "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
			     "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
			     "</w:tblPr></w:style>"
			     "<w:style w:type=\"table\" w:styleId=\"ItakitTable\"><w:name w:val=\"itakit table\"/>"
			     "<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>"
			     "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
			     "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
			     "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
			     "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
			     "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
			     "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
			     "</w:tblBorders><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/>"
			     "<w:left w:w=\"80\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/>"
			     "<w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
			     "</w:styles>");
}

/* The field `instr` (PAGE, NUMPAGES, with their switches) as a complex
 * field with a cached result. */
static void field(itakit_strbuf *s, const char *instr, const char *cached, const run_props *r)
{
	itakit_strbuf_append(s, "<w:r>");
	rpr(s, r);
	itakit_strbuf_append(s, "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>");
	rpr(s, r);
	itakit_strbuf_appendf(s, "<w:instrText xml:space=\"preserve\"> %s </w:instrText></w:r><w:r>", instr);
	rpr(s, r);
	itakit_strbuf_append(s, "<w:fldChar w:fldCharType=\"separate\"/></w:r>");
	runs(s, cached, strlen(cached), r);
	itakit_strbuf_append(s, "<w:r>");
	rpr(s, r);
	itakit_strbuf_append(s, "<w:fldChar w:fldCharType=\"end\"/></w:r>");
}

typedef enum { HF_EMPTY, HF_RUNNING, HF_PAGE_DASHES, HF_PAGE_OF } hf_kind;

/* A header or footer part (root "hdr" or "ftr"). */
static void header_footer_xml(itakit_strbuf *s, const itakit_document *doc, const char *root, hf_kind kind)
{
	const double fs = doc->o.font_size;
	itakit_strbuf_appendf(s, XML_DECL "<w:%s " W_NS "><w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>",
			      root, strcmp(root, "hdr") ? "Footer" : "Header");
	bool thai = doc->o.digits == ITAKIT_DIGITS_THAI;
	const char *page = thai ? "PAGE \\* THAIARABIC" : "PAGE";
	const char *pages = thai ? "NUMPAGES \\* THAIARABIC" : "NUMPAGES";
	char one[32];
	itakit_format_int(one, sizeof one, 1, doc->o.digits);
	if (kind == HF_RUNNING && doc->o.running_header) {
		run_props r = {false, false, fs * 0.875, &doc->keep, NULL};
		itakit_strbuf_append(s, "<w:r><w:rPr><w:color w:val=\"595959\"/>");
		/* one run: a Thai edition's title is Thai (and "ITA" in it takes
		 * the same font) */
		itakit_strbuf_appendf(s, "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>%s</w:rPr>"
				      "<w:t xml:space=\"preserve\">", half_points(r.size), half_points(r.size),
				      doc->o.lang == ITAKIT_LANG_TH ? "<w:cs/>" : "");
		const char *h = doc->o.running_header;
		unsigned char *mark = keep_marks(h, strlen(h), r.keep, NULL);
		if (mark)
			marked_text(s, h, mark, 0, strlen(h));
		else
			s->oom = true;
		free(mark);
		itakit_strbuf_append(s, "</w:t></w:r>");
	} else if (kind == HF_PAGE_DASHES) {
		run_props r = {false, false, 0, &doc->keep, NULL};
		runs(s, "- ", 2, &r);
		field(s, page, one, &r);
		runs(s, " -", 2, &r);
	} else if (kind == HF_PAGE_OF) {
		run_props r = {false, false, fs * 0.875, &doc->keep, NULL};
		bool en = doc->o.lang == ITAKIT_LANG_EN;
		runs(s, en ? "Page " : "หน้า ", strlen(en ? "Page " : "หน้า "), &r);
		field(s, page, one, &r);
		runs(s, en ? " of " : " จาก ", strlen(en ? " of " : " จาก "), &r);
		field(s, pages, one, &r);
	}
	itakit_strbuf_appendf(s, "</w:p></w:%s>", root);
}

/* Which header and footer each kind of page gets, as the PDF draws them
 * (doc_layout.c: draw_page_frame). */
static void frame_kinds(const itakit_document *doc, hf_kind hf[4])
{
	const itakit_document_options *o = &doc->o;
	itakit_page_numbers style = o->page_numbers;
	if (style == ITAKIT_PAGE_NUMBERS_AUTO)
		style = o->lang == ITAKIT_LANG_TH ? ITAKIT_PAGE_NUMBERS_TOP : ITAKIT_PAGE_NUMBERS_FOOTER;
	bool running = o->running_header && *o->running_header;
	hf_kind run_first = running && o->running_header_on_first_page ? HF_RUNNING : HF_EMPTY;
	hf_kind run_rest = running ? HF_RUNNING : HF_EMPTY;
	/* [0] header, [1] footer, [2] first page's header, [3] its footer */
	if (style == ITAKIT_PAGE_NUMBERS_TOP) {
		hf[0] = HF_PAGE_DASHES;
		hf[1] = run_rest;
		hf[2] = HF_EMPTY;
		hf[3] = run_first;
	} else {
		bool foot = style == ITAKIT_PAGE_NUMBERS_FOOTER;
		hf[0] = run_rest;
		hf[1] = foot ? HF_PAGE_OF : HF_EMPTY;
		hf[2] = run_first;
		hf[3] = foot ? HF_PAGE_OF : HF_EMPTY;
	}
}

static void sect_pr(itakit_strbuf *s, const itakit_document *doc)
{
	const itakit_document_options *o = &doc->o;
	itakit_strbuf_append(s, "<w:sectPr>"
			     "<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>"
			     "<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"
			     "<w:headerReference w:type=\"first\" r:id=\"rIdHeader2\"/>"
			     "<w:footerReference w:type=\"first\" r:id=\"rIdFooter2\"/>");
	itakit_strbuf_appendf(s, "<w:pgSz w:w=\"%ld\" w:h=\"%ld\"/>"
			      "<w:pgMar w:top=\"%ld\" w:right=\"%ld\" w:bottom=\"%ld\" w:left=\"%ld\" "
			      "w:header=\"%ld\" w:footer=\"%ld\" w:gutter=\"0\"/>",
			      twips(o->page_width), twips(o->page_height), twips(o->margin_top),
			      twips(o->margin_right), twips(o->margin_bottom), twips(o->margin_left),
			      twips(o->margin_top / 2 - o->font_size * 0.6),
			      twips(o->margin_bottom / 2 - o->font_size * 0.6));
	if (o->digits == ITAKIT_DIGITS_THAI)
		itakit_strbuf_append(s, "<w:pgNumType w:fmt=\"thaiNumbers\"/>");
	itakit_strbuf_append(s, "<w:titlePg/></w:sectPr>");
}

static void core_xml(itakit_strbuf *s, const itakit_document *doc, const char *date)
{
	itakit_strbuf_append(s, XML_DECL "<cp:coreProperties "
			     "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
			     "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
			     "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
	const struct { const char *tag; const char *value; } props[] = {
		{"dc:title", doc->o.title},
		{"dc:subject", doc->o.subject},
		{"dc:creator", doc->o.author},
		{"cp:keywords", doc->o.keywords},
	};
	for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
		if (!props[i].value)
			continue;
		itakit_strbuf_appendf(s, "<%s>", props[i].tag);
		xml_str(s, props[i].value);
		itakit_strbuf_appendf(s, "</%s>", props[i].tag);
	}
	itakit_strbuf_appendf(s, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
			      "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
			      "</cp:coreProperties>", date, date);
}

static void app_xml(itakit_strbuf *s, const itakit_document *doc)
{
	itakit_strbuf_append(s, XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
			     "<Application>");
	if (doc->o.creator)
		xml_str(s, doc->o.creator);
	else
		itakit_strbuf_appendf(s, "itakit %s", itakit_version());
	itakit_strbuf_append(s, "</Application></Properties>");
}

static void content_types_xml(itakit_strbuf *s, size_t npngs)
{
	itakit_strbuf_append(s, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
			     "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
			     "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
	if (npngs)
		itakit_strbuf_append(s, "<Default Extension=\"png\" ContentType=\"image/png\"/>");
	itakit_strbuf_append(s, "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
			     "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
			     "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>");
	for (int i = 1; i <= 2; i++)
		itakit_strbuf_appendf(s, "<Override PartName=\"/word/header%d.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
				      "<Override PartName=\"/word/footer%d.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
				      i, i);
	itakit_strbuf_append(s, "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
			     "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
			     "</Types>");
}

static const char ROOT_RELS[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_NS "officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL_NS "extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

static const char SETTINGS[] = XML_DECL
	"<w:settings " W_NS "><w:defaultTabStop w:val=\"720\"/>"
	"<w:characterSpacingControl w:val=\"doNotCompress\"/>"
	"<w:themeFontLang w:val=\"en-US\" w:bidi=\"th-TH\"/><w:compat>"
	"<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
	"</w:compat></w:settings>";

static void document_rels_xml(itakit_strbuf *s, size_t npngs)
{
	itakit_strbuf_append(s, XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
			     "<Relationship Id=\"rIdStyles\" Type=\"" REL_NS "styles\" Target=\"styles.xml\"/>"
			     "<Relationship Id=\"rIdSettings\" Type=\"" REL_NS "settings\" Target=\"settings.xml\"/>");
	for (int i = 1; i <= 2; i++)
		itakit_strbuf_appendf(s, "<Relationship Id=\"rIdHeader%d\" Type=\"" REL_NS "header\" Target=\"header%d.xml\"/>"
				      "<Relationship Id=\"rIdFooter%d\" Type=\"" REL_NS "footer\" Target=\"footer%d.xml\"/>",
				      i, i, i, i);
	for (size_t i = 1; i <= npngs; i++)
		itakit_strbuf_appendf(s, "<Relationship Id=\"rIdImage%zu\" Type=\"" REL_NS "image\" Target=\"media/image%zu.png\"/>",
				      i, i);
	itakit_strbuf_append(s, "</Relationships>");
}

/* ---- the package ---------------------------------------------------------- */

/* An entry's MS-DOS date and time (what a ZIP entry holds, no time zone). */
typedef struct {
	zip_uint16_t time, date;
} dos_time;

/* t as the MS-DOS date and time of its UTC calendar fields, so that the
 * package's bytes do not depend on TZ (libzip's zip_file_set_mtime converts
 * with the local time zone). Times outside the years 1980-2107 that the
 * format can hold are clamped to its ends. */
static dos_time dos_time_utc(time_t t)
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || tm.tm_year < 80)
		return (dos_time){0, (1 << 5) | 1}; /* 1980-01-01 00:00:00 */
	if (tm.tm_year > 207)
		return (dos_time){(23 << 11) | (59 << 5) | 29, (127 << 9) | (12 << 5) | 31};
	dos_time d;
	d.time = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	d.date = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
	return d;
}

/* Adds data (copied) as the entry name, deflated, dated mtime. */
static int pkg_add(zip_t *za, const char *name, const void *data, size_t len, dos_time mtime)
{
	void *copy = malloc(len ? len : 1);
	if (!copy)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	memcpy(copy, data, len);
	zip_source_t *src = zip_source_buffer(za, copy, len, 1);
	if (!src) {
		free(copy);
		return itakit_error_set(ITAKIT_ERROR, "zip: %s", zip_strerror(za));
	}
	zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return itakit_error_set(ITAKIT_ERROR, "zip: %s", zip_strerror(za));
	}
	if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6) < 0 ||
	    zip_file_set_dostime(za, (zip_uint64_t)idx, mtime.time, mtime.date, 0) < 0)
		return itakit_error_set(ITAKIT_ERROR, "zip: %s", zip_strerror(za));
	return 0;
}

static int pkg_add_sb(zip_t *za, const char *name, const itakit_strbuf *b, dos_time mtime)
{
	if (!itakit_strbuf_ok(b))
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	return pkg_add(za, name, b->data ? b->data : "", b->len, mtime);
}

/* The package's time: that of the dates in core.xml. */
static int package_time(time_t *out, const char *date)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (sscanf(date, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6)
		return itakit_error_set(ITAKIT_ERROR, "bad date %s", date);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return 0;
}

/* Zips the parts into memory: *out (malloc'd), *len. */
static int package(docx_writer *w, const char *date, unsigned char **out, size_t *len)
{
	itakit_document *doc = w->doc;
	time_t t = 0;
	int rc = package_time(&t, date);
	if (rc)
		return rc;
	dos_time mtime = dos_time_utc(t);
	if ((rc = itakit__office_load(ITAKIT__OFFICE_ZIP)) != 0)
		return rc;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
	if (!za) {
		rc = itakit_error_set(ITAKIT_ERROR, "zip: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		if (mem)
			zip_source_free(mem);
		return rc;
	}
	zip_error_fini(&ze);
	zip_source_keep(mem);

	itakit_strbuf s = ITAKIT_STRBUF_INIT;
	content_types_xml(&s, w->npngs);
	rc = pkg_add_sb(za, "[Content_Types].xml", &s, mtime);
	if (!rc)
		rc = pkg_add(za, "_rels/.rels", ROOT_RELS, strlen(ROOT_RELS), mtime);
	itakit_strbuf_release(&s);
	if (!rc) {
		core_xml(&s, doc, date);
		rc = pkg_add_sb(za, "docProps/core.xml", &s, mtime);
		itakit_strbuf_release(&s);
	}
	if (!rc) {
		app_xml(&s, doc);
		rc = pkg_add_sb(za, "docProps/app.xml", &s, mtime);
		itakit_strbuf_release(&s);
	}
	if (!rc) {
		itakit_strbuf_append(&s, XML_DECL "<w:document " W_NS " "
				     "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
				     "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
				     "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>");
		itakit_strbuf_append_n(&s, w->body.data ? w->body.data : "", w->body.len);
		sect_pr(&s, doc);
		itakit_strbuf_append(&s, "</w:body></w:document>");
		rc = pkg_add_sb(za, "word/document.xml", &s, mtime);
		itakit_strbuf_release(&s);
	}
	if (!rc) {
		document_rels_xml(&s, w->npngs);
		rc = pkg_add_sb(za, "word/_rels/document.xml.rels", &s, mtime);
		itakit_strbuf_release(&s);
	}
	if (!rc) {
		styles_xml(&s, doc);
		rc = pkg_add_sb(za, "word/styles.xml", &s, mtime);
		itakit_strbuf_release(&s);
	}
	if (!rc)
		rc = pkg_add(za, "word/settings.xml", SETTINGS, strlen(SETTINGS), mtime);
	hf_kind hf[4];
	frame_kinds(doc, hf);
	static const char *const hf_names[4] = {"word/header1.xml", "word/footer1.xml",
						"word/header2.xml", "word/footer2.xml"};
	for (int i = 0; i < 4 && !rc; i++) {
		header_footer_xml(&s, doc, i % 2 ? "ftr" : "hdr", hf[i]);
		rc = pkg_add_sb(za, hf_names[i], &s, mtime);
		itakit_strbuf_release(&s);
	}
	for (size_t i = 0; i < w->npngs && !rc; i++) {
		char name[64];
		snprintf(name, sizeof name, "word/media/image%zu.png", i + 1);
		rc = pkg_add(za, name, w->pngs[i].data, w->pngs[i].len, mtime);
	}
	if (rc) {
		zip_discard(za);
		zip_source_free(mem);
		return rc;
	}
	if (zip_close(za) < 0) {
		rc = itakit_error_set(ITAKIT_ERROR, "zip: %s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(mem);
		return rc;
	}
	zip_stat_t st;
	unsigned char *buf = NULL;
	if (zip_source_open(mem) < 0 || zip_source_stat(mem, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		rc = itakit_error_set(ITAKIT_ERROR, "zip: cannot read the package back");
	} else if (!(buf = malloc(st.size ? st.size : 1))) {
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	} else if (zip_source_read(mem, buf, st.size) != (zip_int64_t)st.size) {
		rc = itakit_error_set(ITAKIT_ERROR, "zip: cannot read the package back");
	}
	zip_source_close(mem);
	zip_source_free(mem);
	if (rc) {
		free(buf);
		return rc;
	}
	*out = buf;
	*len = st.size;
	return 0;
}

int itakit__document_write_docx(itakit_document *doc, const char *path)
{
	if (!doc || !path || !*path)
		return itakit_error_set(ITAKIT_EUSAGE, "no output path");
	char date[32];
	int rc = itakit__pdf_date(date, sizeof date);
	if (rc)
		return rc;
	docx_writer w = {doc, ITAKIT_STRBUF_INIT, NULL, 0, 0,
			 doc->o.page_width - doc->o.margin_left - doc->o.margin_right, NULL};
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	w.measure = cairo_create(scratch);
	if (cairo_status(w.measure) != CAIRO_STATUS_SUCCESS)
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	if (!rc)
		rc = body(&w);
	if (!rc && !itakit_strbuf_ok(&w.body))
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	unsigned char *zip = NULL;
	size_t len = 0;
	if (!rc)
		rc = package(&w, date, &zip, &len);
	if (!rc)
		rc = itakit_atomic_write(path, zip, len);
	free(zip);
	cairo_destroy(w.measure);
	cairo_surface_destroy(scratch);
	itakit_strbuf_release(&w.body);
	for (size_t i = 0; i < w.npngs; i++)
		free(w.pngs[i].data);
	free(w.pngs);
	return rc;
}

static bool ends_with_docx(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	return n >= 5 && strcasecmp(path + n - 5, ".docx") == 0;
}

int itakit__document_write(itakit_document *doc, const char *path, int *pages)
{
	if (!ends_with_docx(path))
		return itakit__document_write_pdf(doc, path, pages);
	if (pages)
		*pages = 0;
	return itakit__document_write_docx(doc, path);
}
