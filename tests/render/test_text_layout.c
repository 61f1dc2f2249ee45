/* The text-layout helper: compounds that libthai's dictionary splits stay
 * whole on a line (data/keep_together.txt and a style's own words), numbers
 * stay with their units, and the text itself is unchanged. */
#include "test_support.h"

#include "render/text_layout.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

/* True when some line of the layout starts strictly inside [from, to). */
static bool line_starts_inside(PangoLayout *layout, int from, int to)
{
	for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
		int start = ((PangoLayoutLine *)l->data)->start_index;
		if (start > from && start < to)
			return true;
	}
	return false;
}

static void test_term_wider_than_line_may_break(void **state)
{
	(void)state;
	/* a column narrower than the term: it must wrap, not overflow */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.size = 16;
	st.width = 40;
	PangoLayout *layout = itakit__text_layout(cr, &st, "ประจำปีงบประมาณ");
	double w;
	itakit__text_size(layout, &w, NULL);
	assert_true(w <= 40.5);
	assert_true(pango_layout_get_line_count(layout) > 1);
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* Every width from narrow to wide: no line starts inside any of terms
 * (each found in text), and the sweep did wrap. */
static void sweep(const itakit_text_style *base, const char *text, const char *const *terms, size_t n,
		  double from_width)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	itakit_text_style st = *base;
	int lines_seen = 0;
	for (double w = from_width; w <= 420; w += 2) {
		st.width = w;
		PangoLayout *layout = itakit__text_layout(cr, &st, text);
		assert_string_equal(pango_layout_get_text(layout), text);
		lines_seen += pango_layout_get_line_count(layout) > 1;
		for (size_t t = 0; t < n; t++) {
			const char *at = strstr(text, terms[t]);
			assert_non_null(at);
			int from = (int)(at - text), to = from + (int)strlen(terms[t]);
			if (line_starts_inside(layout, from, to))
				fail_msg("\"%s\" was split at width %.0f", terms[t], w);
		}
		g_object_unref(layout);
	}
	assert_true(lines_seen > 40);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

static void test_terms_stay_whole(void **state)
{
	(void)state;
	const char *text = "รายงานผลของหน่วยงานในสังกัดประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ต่อผู้รับผิดชอบทุกระดับ";
	const char *terms[] = {"หน่วยงาน", "ประจำปีงบประมาณ", "พ.ศ. ๒๕๖๖", "ผู้รับผิดชอบ"};
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.size = 16;
	sweep(&st, text, terms, sizeof terms / sizeof *terms, 140);
}

/* The compounds reviewers found broken, and numbers with their units. */
static void test_compounds_and_numbers(void **state)
{
	(void)state;
	const char *text = "ตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์เป็นจุดที่ต้องยกระดับ (๘๒.๘๘ คะแนน) "
			   "โดยเฉพาะตัวชี้วัดที่ ๘ การจัดซื้อจัดจ้างและการรับฟังผู้มีส่วนได้ส่วนเสีย "
			   "ในปี พ.ศ. ๒๕๖๖ ผ่านเกณฑ์ร้อยละ ๙๕ ของ ๕๐ หน่วยงาน";
	const char *terms[] = {"ยกระดับ", "๘๒.๘๘ คะแนน", "ตัวชี้วัดที่ ๘", "จัดซื้อจัดจ้าง",
			       "ผู้มีส่วนได้ส่วนเสีย", "พ.ศ. ๒๕๖๖", "ร้อยละ ๙๕", "๕๐ หน่วยงาน"};
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.size = 16;
	sweep(&st, text, terms, sizeof terms / sizeof *terms, 120);
	st.justify = true; /* justification changes no break */
	sweep(&st, text, terms, sizeof terms / sizeof *terms, 120);
	const char *en = "The score of indicator 5 rose by 2.50 points in fiscal year 2566 while "
			 "Table 3 lists the measures of every unit";
	const char *en_terms[] = {"indicator 5", "2.50 points", "Table 3"};
	sweep(&st, en, en_terms, sizeof en_terms / sizeof *en_terms, 120);
}

/* A style's own words (a document's unit names) are kept whole too; without
 * them libthai splits the name somewhere in the sweep. */
static void test_extra_words(void **state)
{
	(void)state;
	const char *text = "คะแนนต่ำสุดเป็นของสำนักงานเขตคันนายาวซึ่งยังไม่ผ่านเกณฑ์ในปีนี้และปีก่อน";
	const char *name = "สำนักงานเขตคันนายาว";
	itakit_keep_list keep = ITAKIT_KEEP_LIST_INIT;
	assert_int_equal(itakit__text_keep_add(&keep, name), 0);
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.size = 16;
	st.keep = &keep;
	sweep(&st, text, &name, 1, 150); /* the name is about 130 points wide */

	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	st.keep = NULL;
	int from = (int)(strstr(text, name) - text), to = from + (int)strlen(name), split = 0;
	for (double w = 150; w <= 420; w += 2) {
		st.width = w;
		PangoLayout *layout = itakit__text_layout(cr, &st, text);
		split += line_starts_inside(layout, from, to);
		g_object_unref(layout);
	}
	assert_true(split > 0);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	itakit__text_keep_release(&keep);
}

/* Widths of listed words are remembered by font: the same name fits a line
 * at 16 points (about 130 points wide) and not at 32 (about 260), measured
 * first at either size and again from memory. */
static void test_unfit_follows_font(void **state)
{
	(void)state;
	const char *name = "สำนักงานเขตคันนายาว";
	itakit_keep_list keep = ITAKIT_KEEP_LIST_INIT;
	assert_int_equal(itakit__text_keep_add(&keep, name), 0);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.keep = &keep;
	st.width = 200;
	const double sizes[] = {32, 16, 32, 16, 17};
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		st.size = sizes[i];
		PangoLayout *layout = itakit__text_layout(cr, &st, name);
		double w;
		itakit__text_size(layout, &w, NULL);
		if (sizes[i] > 20) {
			assert_int_equal(itakit__text_unfit_words(layout), 1);
			assert_true(pango_layout_get_line_count(layout) > 1);
		} else {
			assert_int_equal(itakit__text_unfit_words(layout), 0);
			assert_int_equal(pango_layout_get_line_count(layout), 1);
			assert_true(w > 100 && w < 200);
		}
		g_object_unref(layout);
	}
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	itakit__text_keep_release(&keep);
}

/* The list file: one word a line, comments and blank lines ignored, CRLF
 * accepted, duplicates once, longest first. */
static void test_keep_list_parse(void **state)
{
	(void)state;
	const char text[] = "# a comment\r\nหน่วยงาน\r\n\n  ยกระดับ  # trailing\nหน่วยงาน\n"
			    "ผู้มีส่วนได้ส่วนเสีย";
	itakit_keep_list l = ITAKIT_KEEP_LIST_INIT;
	assert_int_equal(itakit__text_keep_parse(&l, text, sizeof text - 1), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.words[0], "ผู้มีส่วนได้ส่วนเสีย");
	assert_string_equal(l.words[1], "หน่วยงาน");
	assert_string_equal(l.words[2], "ยกระดับ");
	itakit__text_keep_release(&l);
	/* the shipped list is loaded and holds the compounds reviewers named */
	const itakit_keep_list *d = itakit__text_keep_default();
	int named = 0;
	for (size_t i = 0; i < d->n; i++)
		named += !strcmp(d->words[i], "ยกระดับ") + !strcmp(d->words[i], "จัดซื้อจัดจ้าง") +
			 !strcmp(d->words[i], "ผู้มีส่วนได้ส่วนเสีย");
	assert_int_equal(named, 3);
}

/* A word wider than the line is broken between letters (and reported, so
 * a table can set it smaller), without a hyphen added to the text. */
static void test_broken_words(void **state)
{
	(void)state;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.size = 16;
	st.width = 60;
	PangoLayout *layout = itakit__text_layout(cr, &st, "Communication channel");
	assert_true(itakit__text_broken_words(layout) > 0);
	/* no hyphen added: as many glyphs as on one unwrapped line */
	int wrapped = 0, whole = 0;
	for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next)
		for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next)
			wrapped += ((PangoGlyphItem *)r->data)->glyphs->num_glyphs;
	itakit_text_style one = st;
	one.width = 0;
	PangoLayout *line = itakit__text_layout(cr, &one, "Communication channel");
	for (GSList *r = pango_layout_get_line_readonly(line, 0)->runs; r; r = r->next)
		whole += ((PangoGlyphItem *)r->data)->glyphs->num_glyphs;
	g_object_unref(line);
	assert_true(pango_layout_get_line_count(layout) > 2);
	assert_int_equal(wrapped, whole);
	g_object_unref(layout);
	st.width = 300;
	layout = itakit__text_layout(cr, &st, "Communication channel");
	assert_int_equal(itakit__text_broken_words(layout), 0);
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* Layouts shared between documents: the same text in the same style is
 * shaped once and gives the same lines; a different style, a text holding
 * a word of the style's own list, or a text the last document did not use
 * gets a layout of its own. */
static void test_shared_layouts(void **state)
{
	(void)state;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(NULL, NULL, 100, 100);
	cairo_t *cr = cairo_create(s);
	const char *name = "สำนักงานเขตคันนายาว";
	const char *text = "ผลการประเมินคุณธรรมและความโปร่งใสของหน่วยงานในปีงบประมาณนี้";
	char with_name[256];
	snprintf(with_name, sizeof with_name, "ผลการประเมินของ%sในปีนี้", name);
	itakit_keep_list keep = ITAKIT_KEEP_LIST_INIT;
	assert_int_equal(itakit__text_keep_add(&keep, name), 0);
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.size = 16;
	st.width = 150;
	st.keep = &keep;

	itakit__text_shared_sweep();
	PangoLayout *a = itakit__text_layout_shared(cr, &st, text);
	PangoLayout *b = itakit__text_layout_shared(cr, &st, text);
	assert_ptr_equal(a, b);
	PangoLayout *fresh = itakit__text_layout(cr, &st, text);
	assert_int_equal(pango_layout_get_line_count(a), pango_layout_get_line_count(fresh));
	assert_true(pango_layout_get_line_count(a) > 1);
	for (int i = 0; i < pango_layout_get_line_count(a); i++)
		assert_int_equal(pango_layout_get_line_readonly(a, i)->start_index,
				 pango_layout_get_line_readonly(fresh, i)->start_index);
	int lines = pango_layout_get_line_count(fresh);
	g_object_unref(fresh);
	st.bold = true;
	PangoLayout *bold = itakit__text_layout_shared(cr, &st, text);
	assert_ptr_not_equal(a, bold);
	st.bold = false;
	PangoLayout *n1 = itakit__text_layout_shared(cr, &st, with_name);
	PangoLayout *n2 = itakit__text_layout_shared(cr, &st, with_name);
	assert_ptr_not_equal(n1, n2);
	g_object_unref(n1);
	g_object_unref(n2);
	g_object_unref(bold);
	/* cut at one line: a layout of its own, ellipsized; the whole one stays whole */
	PangoLayout *cut = itakit__text_layout_shared_cut(cr, &st, text, 1);
	assert_ptr_not_equal(a, cut);
	assert_int_equal(pango_layout_get_line_count(cut), 1);
	assert_true(pango_layout_is_ellipsized(cut));
	assert_false(pango_layout_is_ellipsized(a));
	PangoLayout *cut2 = itakit__text_layout_shared_cut(cr, &st, text, 1);
	assert_ptr_equal(cut, cut2);
	g_object_unref(cut2);
	g_object_unref(cut);
	g_object_unref(b);

	/* used in the document before: kept by the next document */
	itakit__text_shared_sweep();
	PangoLayout *c = itakit__text_layout_shared(cr, &st, text);
	assert_ptr_equal(a, c);
	g_object_unref(c);
	g_object_unref(a);
	/* a document that did not use it: dropped at the start of the next */
	g_object_add_weak_pointer(G_OBJECT(a), (gpointer *)&a);
	itakit__text_shared_sweep();
	assert_non_null(a);
	itakit__text_shared_sweep();
	assert_null(a);
	PangoLayout *d = itakit__text_layout_shared(cr, &st, text);
	assert_int_equal(pango_layout_get_line_count(d), lines);
	g_object_unref(d);
	itakit__text_shared_sweep();
	itakit__text_shared_sweep();
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	itakit__text_keep_release(&keep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms_stay_whole),
		cmocka_unit_test(test_term_wider_than_line_may_break),
		cmocka_unit_test(test_compounds_and_numbers),
		cmocka_unit_test(test_extra_words),
		cmocka_unit_test(test_unfit_follows_font),
		cmocka_unit_test(test_keep_list_parse),
		cmocka_unit_test(test_broken_words),
		cmocka_unit_test(test_shared_layouts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
