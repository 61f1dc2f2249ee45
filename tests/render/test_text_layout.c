/* The text-layout helper: compounds that libthai's dictionary splits stay
 * whole on a line, and the text itself is unchanged. */
#include "test_support.h"

#include "render/text_layout.h"

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

static void test_terms_stay_whole(void **state)
{
	(void)state;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	const char *text = "รายงานผลของหน่วยงานในสังกัดประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ต่อผู้รับผิดชอบทุกระดับ";
	const char *terms[] = {"หน่วยงาน", "ประจำปีงบประมาณ", "พ.ศ. ๒๕๖๖", "ผู้รับผิดชอบ"};
	itakit_text_style st = ITAKIT_TEXT_STYLE_INIT;
	st.size = 16;
	int lines_seen = 0;
	/* every width from narrow to wide: the break must never fall inside */
	for (double w = 140; w <= 420; w += 3) {
		st.width = w;
		PangoLayout *layout = itakit_text_layout(cr, &st, text);
		assert_string_equal(pango_layout_get_text(layout), text);
		lines_seen += pango_layout_get_line_count(layout) > 1;
		for (size_t t = 0; t < sizeof terms / sizeof *terms; t++) {
			int from = (int)(strstr(text, terms[t]) - text);
			int to = from + (int)strlen(terms[t]);
			if (line_starts_inside(layout, from, to))
				fail_msg("\"%s\" was split at width %.0f", terms[t], w);
		}
		g_object_unref(layout);
	}
	assert_true(lines_seen > 50); /* the sweep did wrap the text */
	cairo_destroy(cr);
	cairo_surface_destroy(s);
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
	PangoLayout *layout = itakit_text_layout(cr, &st, "ประจำปีงบประมาณ");
	double w;
	itakit_text_size(layout, &w, NULL);
	assert_true(w <= 40.5);
	assert_true(pango_layout_get_line_count(layout) > 1);
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms_stay_whole),
		cmocka_unit_test(test_term_wider_than_line_may_break),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
