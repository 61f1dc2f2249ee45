/* Charts: every kind in every format, sizes, PDF text, pixels, determinism,
 * edge cases. Set ITAKIT_CHART_GALLERY=DIR to keep the PNGs for viewing. */
#include "test_support.h"
#include "chart_fixtures.h"

#include <cairo.h>
#include <sys/stat.h>

static itakit_unit_analysis bkk, nat, trendy, districts[50], few[1];
static itakit_unit bkk_u, nat_u, trendy_u, districts_u[50], few_u[1];
static itakit_cohort cohort;
static char dir[512];

static int setup(void **state)
{
	fx_framework();
	fx_unit(&bkk, &bkk_u, "กรุงเทพมหานคร", fx_bangkok, 4);
	fx_unit(&nat, &nat_u, "ค่าเฉลี่ยทั้งประเทศ", fx_national, 3);
	fx_unit(&trendy, &trendy_u, "สำนักงานเขตราษฎร์บูรณะ", fx_trendy, 5);
	fx_districts_make(districts, districts_u, 50);
	fx_districts_make(few, few_u, 1);
	fx_cohort(&cohort, districts, 50, 2566);
	const char *g = getenv("ITAKIT_CHART_GALLERY");
	snprintf(dir, sizeof dir, "%s", g && *g ? g : temp_dir());
	mkdir(dir, 0777);
	return 0;
}

static int teardown(void **state)
{
	fx_unit_free(&bkk);
	fx_unit_free(&nat);
	fx_unit_free(&trendy);
	for (int i = 0; i < 50; i++)
		fx_unit_free(&districts[i]);
	fx_unit_free(&few[0]);
	return 0;
}

static itakit_chart_data data_for(itakit_chart_kind kind)
{
	itakit_chart_data d = {&fx_fw, &bkk, NULL, NULL, districts, 50, NULL};
	if (kind == ITAKIT_CHART_OVERALL) {
		d.reference = &nat;
		d.reference_label = "ค่าเฉลี่ยทุกหน่วยงานทั่วประเทศ";
	}
	if (kind == ITAKIT_CHART_TREND)
		d.unit = &trendy;
	if (kind == ITAKIT_CHART_DISTRIBUTION)
		d.cohort = &cohort;
	return d;
}

static const char *out_path(const char *name, const char *ext)
{
	static char buf[1024];
	snprintf(buf, sizeof buf, "%s/%s.%s", dir, name, ext);
	return buf;
}

/* Reads a PNG back: its size, or fails. */
static cairo_surface_t *read_png(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		fail_msg("%s: not a PNG: %s", path, cairo_status_to_string(cairo_surface_status(s)));
	return s;
}

/* The text pdftotext extracts (static buffer). */
static const char *pdf_text(const char *path)
{
	static char buf[65536];
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "pdftotext -raw -enc UTF-8 '%s' - 2>/dev/null", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = fread(buf, 1, sizeof buf - 1, p);
	buf[n] = '\0';
	assert_int_equal(pclose(p), 0);
	return buf;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("\"%s\" not found in:\n%s", needle, hay);
}

static void test_kind_names(void **state)
{
	for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++) {
		itakit_chart_kind out;
		assert_int_equal(itakit_chart_kind_from_name(&out, itakit_chart_kind_name(k)), 0);
		assert_int_equal(out, k);
	}
	itakit_chart_kind out;
	assert_int_equal(itakit_chart_kind_from_name(&out, "pie"), ITAKIT_EUSAGE);
	assert_non_null(strstr(itakit_error_last(), "heatmap"));
	assert_null(itakit_chart_kind_name(ITAKIT_CHART_KIND_COUNT));
}

/* Every kind, all three formats; PNGs at the default size and 150 dpi. */
static void test_every_kind_every_format(void **state)
{
	static const char *const exts[] = {"png", "svg", "pdf"};
	for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++) {
		itakit_chart_data d = data_for(k);
		for (int e = 0; e < 3; e++) {
			const char *path = out_path(itakit_chart_kind_name(k), exts[e]);
			int rc = itakit_chart_write(path, k, &d, NULL);
			if (rc)
				fail_msg("%s: %s", path, itakit_error_last());
			struct stat st;
			assert_int_equal(stat(path, &st), 0);
			assert_true(st.st_size > 500);
		}
		double w, h;
		assert_int_equal(itakit_chart_size(&w, &h, k, &d, NULL), 0);
		cairo_surface_t *png = read_png(out_path(itakit_chart_kind_name(k), "png"));
		assert_int_equal(cairo_image_surface_get_width(png), (int)ceil(w * 150 / 72));
		assert_int_equal(cairo_image_surface_get_height(png), (int)ceil(h * 150 / 72));
		cairo_surface_destroy(png);
	}
	/* the default is half an A4 page; 50 units grow taller */
	double w, h;
	itakit_chart_data d = data_for(ITAKIT_CHART_INDICATORS);
	assert_int_equal(itakit_chart_size(&w, &h, ITAKIT_CHART_INDICATORS, &d, NULL), 0);
	assert_true(w == 480 && h == 300);
	d = data_for(ITAKIT_CHART_HEATMAP);
	assert_int_equal(itakit_chart_size(&w, &h, ITAKIT_CHART_HEATMAP, &d, NULL), 0);
	assert_true(h > 50 * 12);
}

/* PDF: Thai title, full indicator names, numbers with Thai digits, all
 * extractable as text (fonts embedded, not outlines). */
static void test_pdf_text(void **state)
{
	itakit_chart_data d = data_for(ITAKIT_CHART_INDICATORS);
	const char *path = out_path("indicators-text", "pdf");
	assert_int_equal(itakit_chart_write(path, ITAKIT_CHART_INDICATORS, &d, NULL), 0);
	const char *t = pdf_text(path);
	assert_contains(t, "คะแนนรายตัวชี้วัด");
	assert_contains(t, "กรุงเทพมหานคร");
	assert_contains(t, "ปีงบประมาณ พ.ศ. ๒๕๖๖");
	for (int i = 0; i < FX_NI; i++)
		assert_contains(t, fx_ind_th[i]);
	assert_contains(t, "๙๒.๒๗");
	assert_contains(t, "๗๗.๘๓");
	assert_contains(t, "๘๘.๙๘");  /* overall in the subtitle */
	assert_contains(t, "เกณฑ์ ๘๕.๐๐");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_every_kind_every_format),
		cmocka_unit_test(test_pdf_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
