#include "render/text_layout.h"
#include "itakit/text.h"
#include "itakit/error.h"

#include "itakit/fileio.h"
#include "render/fonts.h"

#include <pthread.h>
#include <stdlib.h>
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

/* ---- words kept whole ---------------------------------------------------- */

extern const unsigned char itakit__embedded_keep_together[];
extern const unsigned long itakit__embedded_keep_together_len;

/* A word as a byte range: keys of the index, looked up with ranges of the
 * text being laid out. */
typedef struct {
	const char *s;
	size_t len;
} keep_key;

typedef struct {
	GHashTable *words;   /* keep_key -> itself: every word, for exact matches */
	GHashTable *lengths; /* first code point -> GArray of the byte lengths of
				the words that start with it, longest first */
} keep_index;

static guint keep_key_hash(gconstpointer p)
{
	const keep_key *k = p;
	guint h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < k->len; i++)
		h = (h ^ (unsigned char)k->s[i]) * 16777619u;
	return h;
}

static gboolean keep_key_equal(gconstpointer a, gconstpointer b)
{
	const keep_key *x = a, *y = b;
	return x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

static uint32_t first_cp(const char *s, size_t len)
{
	uint32_t cp = 0;
	return itakit_utf8_decode(s, len, &cp) ? cp : (unsigned char)s[0];
}

static keep_index *keep_index_of(itakit_keep_list *l)
{
	if (!l->index) {
		keep_index *ix = g_new0(keep_index, 1);
		ix->words = g_hash_table_new_full(keep_key_hash, keep_key_equal, g_free, NULL);
		ix->lengths = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
						    (GDestroyNotify)g_array_unref);
		l->index = ix;
	}
	return l->index;
}

static void keep_index_add(keep_index *ix, const char *word, size_t len)
{
	keep_key *k = g_new(keep_key, 1);
	*k = (keep_key){word, len};
	g_hash_table_add(ix->words, k);
	gpointer cp = GUINT_TO_POINTER(first_cp(word, len));
	GArray *lens = g_hash_table_lookup(ix->lengths, cp);
	if (!lens) {
		lens = g_array_new(FALSE, FALSE, sizeof(size_t));
		g_hash_table_insert(ix->lengths, cp, lens);
	}
	guint at = 0;
	while (at < lens->len && g_array_index(lens, size_t, at) > len)
		at++;
	if (at == lens->len || g_array_index(lens, size_t, at) != len)
		g_array_insert_val(lens, at, len);
}

int itakit__text_keep_add(itakit_keep_list *l, const char *word)
{
	size_t len = strlen(word);
	if (!len)
		return 0;
	keep_index *ix = keep_index_of(l);
	keep_key probe = {word, len};
	if (g_hash_table_contains(ix->words, &probe))
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		char **nw = realloc(l->words, cap * sizeof *nw);
		if (!nw)
			return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
		l->words = nw;
		l->cap = cap;
	}
	char *copy = strdup(word);
	if (!copy)
		return itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	/* longest first (after the words as long), found by bisection */
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strlen(l->words[mid]) >= len)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(l->words + lo + 1, l->words + lo, (l->n - lo) * sizeof *l->words);
	l->words[lo] = copy;
	l->n++;
	keep_index_add(ix, copy, len);
	return 0;
}

int itakit__text_keep_parse(itakit_keep_list *l, const char *text, size_t len)
{
	const char *end = text + len;
	for (const char *s = text; s < end;) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		const char *hash = memchr(s, '#', (size_t)(e - s));
		const char *stop = hash ? hash : e;
		while (s < stop && (*s == ' ' || *s == '\t'))
			s++;
		while (stop > s && (stop[-1] == ' ' || stop[-1] == '\t' || stop[-1] == '\r'))
			stop--;
		if (stop > s) {
			char *word = strndup(s, (size_t)(stop - s));
			int rc = word ? itakit__text_keep_add(l, word) : itakit_error_set(ITAKIT_ENOMEM, "out of memory");
			free(word);
			if (rc)
				return rc;
		}
		s = e + 1;
	}
	return 0;
}

void itakit__text_keep_release(itakit_keep_list *l)
{
	keep_index *ix = l->index;
	if (ix) {
		g_hash_table_destroy(ix->words);
		g_hash_table_destroy(ix->lengths);
		g_free(ix);
	}
	for (size_t i = 0; i < l->n; i++)
		free(l->words[i]);
	free(l->words);
	memset(l, 0, sizeof *l);
}

static itakit_keep_list default_keep = ITAKIT_KEEP_LIST_INIT;

static void load_default_keep(void)
{
	char *text = NULL;
	size_t len = 0;
	if (itakit_file_read(&text, &len, ITAKIT_DATA_DIR "/keep_together.txt", 1 << 20) == 0) {
		itakit__text_keep_parse(&default_keep, text, len);
		free(text);
	} else {
		itakit_error_clear();
		itakit__text_keep_parse(&default_keep, (const char *)itakit__embedded_keep_together,
					(size_t)itakit__embedded_keep_together_len);
	}
}

const itakit_keep_list *itakit__text_keep_default(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, load_default_keep);
	return &default_keep;
}

/* Widths of the listed words already measured, by font and word: a report
 * meets the same unit and indicator names in hundreds of texts, and laying
 * each out again to measure it cost an eighth of a report. Every layout has
 * the same context (make_context), so a font and a word give one width. */
typedef struct {
	PangoFontDescription *font;
	char *word;
	int len;
	int width;
} width_entry;

static guint width_hash(gconstpointer p)
{
	const width_entry *e = p;
	keep_key k = {e->word, (size_t)e->len};
	return keep_key_hash(&k) ^ pango_font_description_hash(e->font);
}

static gboolean width_equal(gconstpointer a, gconstpointer b)
{
	const width_entry *x = a, *y = b;
	return x->len == y->len && memcmp(x->word, y->word, (size_t)x->len) == 0 &&
	       pango_font_description_equal(x->font, y->font);
}

static void width_entry_free(gpointer p)
{
	width_entry *e = p;
	pango_font_description_free(e->font);
	g_free(e->word);
	g_free(e);
}

static pthread_mutex_t widths_lock = PTHREAD_MUTEX_INITIALIZER;
static GHashTable *widths;

/* Width of text[0..len) on one line in the layout's font, pango units. */
static int text_width(PangoLayout *layout, const char *text, int len)
{
	const PangoFontDescription *fd = pango_layout_get_font_description(layout);
	width_entry probe_key = {(PangoFontDescription *)fd, (char *)text, len, 0};
	pthread_mutex_lock(&widths_lock);
	const width_entry *known = fd && widths ? g_hash_table_lookup(widths, &probe_key) : NULL;
	int w = known ? known->width : -1;
	pthread_mutex_unlock(&widths_lock);
	if (w >= 0)
		return w;
	PangoLayout *probe = pango_layout_new(pango_layout_get_context(layout));
	pango_layout_set_font_description(probe, fd);
	pango_layout_set_text(probe, text, len);
	pango_layout_get_size(probe, &w, NULL);
	g_object_unref(probe);
	if (!fd)
		return w;
	width_entry *e = g_new(width_entry, 1);
	*e = (width_entry){pango_font_description_copy(fd), g_strndup(text, (gsize)len), len, w};
	pthread_mutex_lock(&widths_lock);
	if (!widths)
		widths = g_hash_table_new_full(width_hash, width_equal, width_entry_free, NULL);
	g_hash_table_add(widths, e); /* a twin measured meanwhile is replaced */
	pthread_mutex_unlock(&widths_lock);
	return w;
}

/* Room of the narrowest line of the layout, pango units. */
static int line_room(PangoLayout *layout)
{
	int width = pango_layout_get_width(layout);
	int indent = pango_layout_get_indent(layout);
	return width - (indent > 0 ? indent : -indent);
}

static void no_break(PangoAttrList *attrs, size_t start, size_t end)
{
	PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(attrs, a);
}

typedef struct {
	size_t start, end;
} keep_range;

/* Occurrences of the listed words in text, as byte ranges: one pass over
 * the text, looking up at each character the lengths of the words that
 * start with it. */
static void find_listed(GArray *found, const char *text, const itakit_keep_list *l)
{
	const keep_index *ix = l ? l->index : NULL;
	if (!ix)
		return;
	size_t n = strlen(text);
	for (size_t p = 0; p < n; p++) {
		if (((unsigned char)text[p] & 0xC0) == 0x80)
			continue; /* inside a character */
		const GArray *lens = g_hash_table_lookup(ix->lengths, GUINT_TO_POINTER(first_cp(text + p, n - p)));
		for (guint i = 0; lens && i < lens->len; i++) {
			size_t len = g_array_index(lens, size_t, i);
			keep_key k = {text + p, len};
			if (p + len <= n && g_hash_table_contains(ix->words, &k)) {
				keep_range r = {p, p + len};
				g_array_append_val(found, r);
			}
		}
	}
}

static gint longer_first(gconstpointer a, gconstpointer b)
{
	const keep_range *x = a, *y = b;
	size_t lx = x->end - x->start, ly = y->end - y->start;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The listed words of text (the shipped list's and extra's) that a line
 * keeps whole, appended to kept: where two overlap the longer wins, so that
 * overlapping words do not chain into a run wider than the line. A word
 * that fits (NULL: every word fits) rejects is left breakable and counted in
 * *unfit. */
static void choose_listed(GArray *kept, const char *text, const itakit_keep_list *extra,
			  bool (*fits)(const keep_range *r, void *user), void *user, int *unfit)
{
	GArray *found = g_array_new(FALSE, FALSE, sizeof(keep_range));
	find_listed(found, text, itakit__text_keep_default());
	find_listed(found, text, extra);
	g_array_sort(found, longer_first);
	guint first = kept->len;
	for (guint i = 0; i < found->len; i++) {
		keep_range r = g_array_index(found, keep_range, i);
		bool overlaps = false;
		for (guint k = first; k < kept->len && !overlaps; k++) {
			keep_range q = g_array_index(kept, keep_range, k);
			overlaps = r.start < q.end && q.start < r.end;
		}
		if (overlaps)
			continue;
		if (fits && !fits(&r, user)) {
			(*unfit)++;
			continue;
		}
		g_array_append_val(kept, r);
	}
	g_array_free(found, TRUE);
}

typedef struct {
	PangoLayout *layout;
	const char *text;
	int room;
} fit_check;

static bool fits_line(const keep_range *r, void *user)
{
	const fit_check *c = user;
	return text_width(c->layout, c->text + r->start, (int)(r->end - r->start)) <= c->room;
}

/* Keeps the listed words whole (those wider than the line excepted).
 * Returns how many words were left breakable because they are wider than
 * the line. */
static int keep_listed(PangoLayout *layout, const char *text, const itakit_keep_list *extra,
		       PangoAttrList *attrs)
{
	fit_check c = {layout, text, line_room(layout)};
	int unfit = 0;
	GArray *kept = g_array_new(FALSE, FALSE, sizeof(keep_range));
	choose_listed(kept, text, extra, fits_line, &c, &unfit);
	for (guint k = 0; k < kept->len; k++) {
		keep_range r = g_array_index(kept, keep_range, k);
		no_break(attrs, r.start, r.end);
	}
	g_array_free(kept, TRUE);
	return unfit;
}

static bool is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0x0E50 && cp <= 0x0E59);
}

/* The code point that ends at text + end (0 at the start). */
static uint32_t cp_before(const char *text, size_t end, size_t *start)
{
	size_t s = end;
	while (s > 0 && ((unsigned char)text[s - 1] & 0xC0) == 0x80)
		s--;
	if (s > 0)
		s--;
	uint32_t cp = 0;
	if (s < end && itakit_utf8_decode(text + s, end - s, &cp) == 0)
		cp = 0;
	*start = s;
	return cp;
}

/* What a number counts ("๘๒.๘๘ คะแนน", "๓๐ เมษายน"), and the words that
 * introduce a number ("ตัวชี้วัดที่ ๘", "พ.ศ. ๒๕๖๖", "ร้อยละ ๙๕",
 * "indicator 5"): the space between them is no place to end a line. */
static const char *const number_units[] = {
	"คะแนน", "หน่วยงาน", "ตัวชี้วัด", "ประเด็น", "ชุด", "รอบ", "เดือน", "แห่ง", "ปี", "ข้อ",
	"ครั้ง", "คน", "อันดับ", "ขั้นตอน", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม",
	"มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
	"points", "units", "indicators", "issues", "months", "January", "February", "March", "April",
	"May", "June", "July", "August", "September", "October", "November", "December",
};
static const char *const number_leads[] = {
	"ที่", "ร้อยละ", "พ.ศ.", "ค.ศ.", "รอบ", "ข้อ", "จำนวน", "ระดับ", "มกราคม", "กุมภาพันธ์",
	"มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
	"พฤศจิกายน", "ธันวาคม", "indicator", "indicators", "Indicator", "Table", "Figure", "item",
	"year", "round",
};

static bool starts_with_any(const char *s, const char *const *words, size_t n, size_t *len)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(words[i]);
		if (strncmp(s, words[i], l) == 0) {
			*len = l;
			return true;
		}
	}
	return false;
}

static bool ends_with_any(const char *text, size_t end, const char *const *words, size_t n, size_t *len)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(words[i]);
		if (l <= end && strncmp(text + end - l, words[i], l) == 0) {
			*len = l;
			return true;
		}
	}
	return false;
}

/* The number ending at text + end (digits, "." and ","), or 0. */
static size_t number_before(const char *text, size_t end)
{
	size_t s = end;
	while (s > 0) {
		size_t cs;
		uint32_t cp = cp_before(text, s, &cs);
		if (!(is_digit_cp(cp) || ((cp == '.' || cp == ',') && s < end)))
			break;
		s = cs;
	}
	return end - s;
}

/* The numbers of text with the word they count or the one that introduces
 * them, appended to found. */
static void find_numbers(GArray *found, const char *text)
{
	size_t len = strlen(text);
	for (size_t i = 1; i + 1 < len; i++) {
		if (text[i] != ' ')
			continue;
		size_t n, w;
		uint32_t right = 0;
		if (!itakit_utf8_decode(text + i + 1, len - i - 1, &right))
			continue;
		keep_range r = {0, 0};
		if ((n = number_before(text, i)) > 0 &&
		    starts_with_any(text + i + 1, number_units, sizeof number_units / sizeof *number_units, &w))
			r = (keep_range){i - n, i + 1 + w};
		else if (is_digit_cp(right) &&
			 ends_with_any(text, i, number_leads, sizeof number_leads / sizeof *number_leads, &w))
			r = (keep_range){i - w, i + 2};
		if (r.end > r.start)
			g_array_append_val(found, r);
	}
}

static void keep_numbers(const char *text, PangoAttrList *attrs)
{
	GArray *found = g_array_new(FALSE, FALSE, sizeof(keep_range));
	find_numbers(found, text);
	for (guint k = 0; k < found->len; k++) {
		keep_range r = g_array_index(found, keep_range, k);
		no_break(attrs, r.start, r.end);
	}
	g_array_free(found, TRUE);
}

static gint by_start(gconstpointer a, gconstpointer b)
{
	const keep_range *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->end > y->end) - (x->end < y->end);
}

int itakit__text_keep_spans(itakit_text_span **out, size_t *n, const char *text,
			    const itakit_keep_list *extra, PangoLayout *fit)
{
	*out = NULL;
	*n = 0;
	GArray *words = g_array_new(FALSE, FALSE, sizeof(keep_range));
	GArray *numbers = g_array_new(FALSE, FALSE, sizeof(keep_range));
	fit_check c = {fit, text, fit ? line_room(fit) : 0};
	int unfit = 0;
	choose_listed(words, text, extra, fit ? fits_line : NULL, &c, &unfit);
	find_numbers(numbers, text);
	g_array_sort(words, by_start);
	g_array_sort(numbers, by_start);
	size_t total = words->len + numbers->len;
	int rc = 0;
	if (total && !(*out = malloc(total * sizeof **out))) {
		rc = itakit_error_set(ITAKIT_ENOMEM, "out of memory");
	} else {
		for (guint i = 0; i < words->len; i++) {
			keep_range r = g_array_index(words, keep_range, i);
			(*out)[(*n)++] = (itakit_text_span){r.start, r.end, true};
		}
		for (guint i = 0; i < numbers->len; i++) {
			keep_range r = g_array_index(numbers, keep_range, i);
			(*out)[(*n)++] = (itakit_text_span){r.start, r.end, false};
		}
	}
	g_array_free(words, TRUE);
	g_array_free(numbers, TRUE);
	return rc;
}

/* Keeps the listed words and numbers with their words whole by disallowing
 * breaks inside them (the text itself is unchanged, so it copies out of the
 * PDF as written), and never hyphenates: pango would add a hyphen where it
 * has to break a word between letters. */
static void keep_words_whole(PangoLayout *layout, const itakit_keep_list *extra)
{
	const char *text = pango_layout_get_text(layout);
	PangoAttrList *attrs = pango_layout_get_attributes(layout);
	attrs = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
	PangoAttribute *nohyphen = pango_attr_insert_hyphens_new(FALSE);
	nohyphen->start_index = 0;
	nohyphen->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
	pango_attr_list_insert(attrs, nohyphen);
	int unfit = keep_listed(layout, text, extra, attrs);
	g_object_set_data(G_OBJECT(layout), "itakit-unfit", GINT_TO_POINTER(unfit));
	keep_numbers(text, attrs);
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
}

int itakit__text_unfit_words(PangoLayout *layout)
{
	return GPOINTER_TO_INT(g_object_get_data(G_OBJECT(layout), "itakit-unfit"));
}

int itakit__text_broken_words(PangoLayout *layout)
{
	const char *text = pango_layout_get_text(layout);
	int nattrs = 0;
	const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(layout, &nattrs);
	int broken = 0;
	for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
		PangoLayoutLine *line = l->data;
		if (line->is_paragraph_start)
			continue;
		int c = (int)g_utf8_pointer_to_offset(text, text + line->start_index);
		if (c < nattrs && !attrs[c].is_line_break)
			broken++;
	}
	return broken;
}

PangoLayout *itakit__text_layout(cairo_t *cr, const itakit_text_style *style, const char *text)
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
		keep_words_whole(layout, style->keep);
	if (style->justify && style->width > 0 && style->align == ITAKIT_ALIGN_LEFT)
		itakit__text_justify(layout);
	return layout;
}

/* ---- layouts shared between documents ---------------------------------- */

/* A batch writes thousands of reports whose headings, labels and product
 * sentences are the same in each: shaping them again for every report was
 * a large part of a report's cost. A layout depends only on its text, its
 * style and the context's settings (the transformation and the kind of
 * surface: pango keeps no reference to the cairo context), so the same
 * layout draws the same glyphs in every PDF. The cache is per thread (a
 * layout is not safe to share between threads) and keeps what the last
 * document used (itakit__text_shared_sweep). */
typedef struct {
	char *text, *family;
	double size, width, line_spacing, indent, tab;
	double m[4]; /* the transformation, less its translation */
	int align, surface, max_lines;
	bool bold, italic, justify, markup;
	PangoLayout *layout;
	unsigned used; /* the generation that last used it */
} shared_entry;

static guint shared_hash(gconstpointer p)
{
	const shared_entry *e = p;
	guint h = g_str_hash(e->text);
	h = h * 31 + (guint)(e->size * 64) + (guint)(e->width * 8);
	return h * 31 + (guint)e->bold + 2u * (guint)e->align;
}

static gboolean shared_equal(gconstpointer a, gconstpointer b)
{
	const shared_entry *x = a, *y = b;
	return x->size == y->size && x->width == y->width && x->line_spacing == y->line_spacing &&
	       x->indent == y->indent && x->tab == y->tab && memcmp(x->m, y->m, sizeof x->m) == 0 &&
	       x->align == y->align && x->surface == y->surface && x->max_lines == y->max_lines && x->bold == y->bold &&
	       x->italic == y->italic && x->justify == y->justify && x->markup == y->markup &&
	       strcmp(x->family, y->family) == 0 && strcmp(x->text, y->text) == 0;
}

static void shared_entry_free(gpointer p)
{
	shared_entry *e = p;
	if (e->layout)
		g_object_unref(e->layout);
	g_free(e->text);
	g_free(e->family);
	g_free(e);
}

static _Thread_local GHashTable *shared;
static _Thread_local unsigned shared_gen;

/* Does text hold a word of the style's own list? Then its breaks depend on
 * that list (a document's unit names), which the key does not hold. */
static bool has_own_keep_word(const itakit_text_style *style, const char *text)
{
	if (!style->keep || style->width <= 0)
		return false;
	GArray *found = g_array_new(FALSE, FALSE, sizeof(keep_range));
	find_listed(found, text, style->keep);
	bool any = found->len > 0;
	g_array_free(found, TRUE);
	return any;
}

/* A wrapped layout cut at max_lines lines, the last ending in an ellipsis
 * (max_lines 0: all lines). */
static PangoLayout *layout_cut(cairo_t *cr, const itakit_text_style *style, const char *text, int max_lines)
{
	PangoLayout *layout = itakit__text_layout(cr, style, text);
	if (max_lines > 0 && style->width > 0) {
		pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(layout, -max_lines);
	}
	return layout;
}

PangoLayout *itakit__text_layout_shared_cut(cairo_t *cr, const itakit_text_style *style, const char *text,
					    int max_lines)
{
	if (style->width <= 0 || max_lines < 0)
		max_lines = 0;
	if (has_own_keep_word(style, text))
		return layout_cut(cr, style, text, max_lines);
	cairo_matrix_t m;
	cairo_get_matrix(cr, &m);
	shared_entry probe = {
		(char *)text, (char *)(style->family ? style->family : ITAKIT_DEFAULT_FONT),
		style->size, style->width > 0 ? style->width : 0, style->line_spacing, style->indent,
		style->tab, {m.xx, m.yx, m.xy, m.yy}, (int)style->align,
		(int)cairo_surface_get_type(cairo_get_target(cr)), max_lines, style->bold, style->italic,
		style->justify, style->markup, NULL, 0};
	if (!shared)
		shared = g_hash_table_new_full(shared_hash, shared_equal, shared_entry_free, NULL);
	shared_entry *e = g_hash_table_lookup(shared, &probe);
	if (!e) {
		e = g_new(shared_entry, 1);
		*e = probe;
		e->text = g_strdup(text);
		e->family = g_strdup(probe.family);
		e->layout = layout_cut(cr, style, text, max_lines);
		g_hash_table_add(shared, e);
	}
	e->used = shared_gen;
	return g_object_ref(e->layout);
}

PangoLayout *itakit__text_layout_shared(cairo_t *cr, const itakit_text_style *style, const char *text)
{
	return itakit__text_layout_shared_cut(cr, style, text, 0);
}

static gboolean unused(gpointer key, gpointer value, gpointer gen)
{
	(void)value;
	return ((shared_entry *)key)->used != GPOINTER_TO_UINT(gen);
}

void itakit__text_shared_sweep(void)
{
	if (shared)
		g_hash_table_foreach_remove(shared, unused, GUINT_TO_POINTER(shared_gen));
	shared_gen++;
}

/* Relative share of a line's slack taken by each kind of gap. */
/* The same share at every gap: one method (distributed spacing) for every
 * line, Thai or English, instead of a mix of word and letter spacing. */
enum { GAP = 1 };
#define MAX_GAP_EM 0.08

static bool is_space_byte(const char *p)
{
	return *p == ' ' || (p[0] == '\xc2' && p[1] == '\xa0');
}

static void justify_line(PangoLayoutLine *line, int target, const char *text, const int *b2c,
			 const PangoLogAttr *attrs, int nattrs, double max_gap)
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
			if (per > max_gap)
				per = max_gap; /* a line with few gaps stays partly ragged */
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
				int w = GAP;
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

void itakit__text_justify(PangoLayout *layout)
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
	/* Beyond this much per gap letters visibly drift apart: a line that
	 * would need more (a long name or number kept whole moved to the next
	 * line) is stretched this far and no further. */
	const PangoFontDescription *fd = pango_layout_get_font_description(layout);
	double max_gap = (fd ? pango_font_description_get_size(fd) : 12 * PANGO_SCALE) * MAX_GAP_EM;
	for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
		PangoLayoutLine *line = l->data;
		PangoLayoutLine *next = l->next ? l->next->data : NULL;
		if (!next || next->is_paragraph_start)
			continue; /* the last line of a paragraph stays ragged */
		int x0 = line->is_paragraph_start ? (indent > 0 ? indent : 0) : (indent < 0 ? -indent : 0);
		justify_line(line, width - x0, text, b2c, attrs, nattrs, max_gap);
	}
	g_free(b2c);
}

void itakit__text_size(PangoLayout *layout, double *width, double *height)
{
	PangoRectangle logical;
	pango_layout_get_extents(layout, NULL, &logical);
	if (width)
		*width = (double)logical.width / PANGO_SCALE;
	if (height)
		*height = (double)logical.height / PANGO_SCALE;
}

double itakit__text_baseline(PangoLayout *layout)
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

void itakit__text_show_line(cairo_t *cr, PangoLayoutLine *line)
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

void itakit__text_draw(cairo_t *cr, PangoLayout *layout, const itakit_text_style *style,
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
		itakit__text_show_line(cr, pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	cairo_restore(cr);
}

double itakit__text_show(cairo_t *cr, const itakit_text_style *style, const char *text,
			double x, double y)
{
	PangoLayout *layout = itakit__text_layout(cr, style, text);
	double h;
	itakit__text_size(layout, NULL, &h);
	itakit__text_draw(cr, layout, style, x, y);
	g_object_unref(layout);
	return h;
}

void itakit__text_measure(cairo_t *cr, const itakit_text_style *style, const char *text,
			 double *width, double *height)
{
	PangoLayout *layout = itakit__text_layout(cr, style, text);
	itakit__text_size(layout, width, height);
	g_object_unref(layout);
}

int itakit__text_unknown_glyphs(PangoLayout *layout)
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

int itakit__font_check(const char *family)
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
