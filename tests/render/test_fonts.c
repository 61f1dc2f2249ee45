/* A font that is not installed: every rendering path (chart to PNG, SVG,
 * PDF or a cairo context, the document engine) refuses with a message naming
 * the font and how to install one, and writes nothing; never boxes. */
#include "test_support.h"
/* the fixtures are static helpers for test_chart; only some are used here */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "chart_fixtures.h"
#include "render/document.h"
#include "render/text_layout.h"

#include <stdio.h>
#include <string.h>

static void assert_font_message(const char *family)
{
	const char *msg = itakit_error_last();
	assert_non_null(strstr(msg, family));
	assert_non_null(strstr(msg, "is not installed"));
	assert_non_null(strstr(msg, "apt-get install"));
}

static void test_chart_paths(void **state)
{
	(void)state;
	itakit_unit_analysis ua;
	itakit_unit u;
	fx_framework();
	fx_unit(&ua, &u, "กรุงเทพมหานคร", fx_bangkok, 4);
	itakit_chart_data d = {&fx_fw, &ua, NULL, NULL, &ua, 1, NULL};
	itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
	o.font = "No Such Font";
	char dir[512], path[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	static const char *const ext[] = {"png", "svg", "pdf"};
	for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++)
		for (int e = 0; e < 3; e++) {
			snprintf(path, sizeof path, "%s/c.%s", dir, ext[e]);
			assert_int_equal(itakit_chart_write(path, (itakit_chart_kind)k, &d, &o), ITAKIT_ENOTFOUND);
			assert_font_message("No Such Font");
		}
	assert_int_equal(dir_entries(dir), 0);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 100, 100);
	cairo_t *cr = cairo_create(s);
	assert_int_equal(itakit_chart_draw(cr, 100, 100, ITAKIT_CHART_INDICATORS, &d, &o), ITAKIT_ENOTFOUND);
	assert_font_message("No Such Font");
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	fx_unit_free(&ua);
}

static void test_document_path(void **state)
{
	(void)state;
	char dir[512], path[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(path, sizeof path, "%s/doc.pdf", dir);
	itakit_document_options o = ITAKIT_DOCUMENT_OPTIONS_INIT;
	o.font_family = "No Such Font";
	itakit_document *doc;
	assert_int_equal(itakit__document_new(&doc, &o), 0);
	assert_int_equal(itakit__document_paragraph(doc, "ทดสอบ", NULL), 0);
	assert_int_equal(itakit__document_write_pdf(doc, path, NULL), ITAKIT_ENOTFOUND);
	assert_font_message("No Such Font");
	itakit__document_free(doc);
	assert_int_equal(dir_entries(dir), 0);
}

static void test_install_hints(void **state)
{
	(void)state;
	/* the official font is not in Debian: the message says what to do */
	if (itakit__font_check("TH Sarabun New") == ITAKIT_ENOTFOUND) {
		assert_font_message("TH Sarabun New");
		assert_non_null(strstr(itakit_error_last(), "fonts-tlwg-laksaman-ttf"));
	}
	if (itakit__font_check("Noto Serif Thai Nonexistent") == ITAKIT_ENOTFOUND)
		assert_non_null(strstr(itakit_error_last(), "apt-get install fonts-noto-core"));
	assert_int_equal(itakit__font_check("No Such Font"), ITAKIT_ENOTFOUND);
	assert_non_null(strstr(itakit_error_last(), "--font"));
	/* the defaults are installed by scripts/lib.sh */
	assert_int_equal(itakit__font_check(NULL), 0);
	assert_int_equal(itakit__font_check("laksaman"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_paths),
		cmocka_unit_test(test_document_path),
		cmocka_unit_test(test_install_hints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
