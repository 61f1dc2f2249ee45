/* Charts: every kind in every format, sizes, PDF text, pixels, determinism,
 * edge cases. Set ITAKIT_CHART_GALLERY=DIR to keep the PNGs for viewing. */
#include "test_support.h"
#include "chart_fixtures.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <stdint.h>
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
	itakit_cohort_release(&cohort);
	/* pango, cairo and fontconfig keep caches for the process's life. They
	 * are not freed here: FcFini races with pango's font-sorting thread and
	 * aborts in FcCacheFini (about one run in three); tests/lsan.supp
	 * names what LeakSanitizer must ignore instead. */
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

static void assert_not_contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("\"%s\" found in:\n%s", needle, hay);
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

/* --- pixels --- */

enum { ROW_NONE, ROW_OK, ROW_FLAG };

static int row_class(const unsigned char *row, int width)
{
	int ok = 0, flag = 0;
	for (int x = 0; x < width; x++) {
		uint32_t px = ((const uint32_t *)row)[x] & 0xffffff;
		ok += px == 0x0072b2;    /* Okabe-Ito blue: at or above the threshold */
		flag += px == 0xd55e00;  /* vermillion: below */
	}
	/* a bar spans far more than a legend swatch */
	return flag > 40 ? ROW_FLAG : ok > 40 ? ROW_OK : ROW_NONE;
}

/* Bars from top to bottom as a string: 'U' unflagged, 'F' flagged. */
static void bar_sequence(const char *png, char *out, size_t size)
{
	cairo_surface_t *s = read_png(png);
	cairo_surface_flush(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s), prev = ROW_NONE;
	size_t n = 0;
	for (int y = 0; y < h && n + 1 < size; y++) {
		int c = row_class(data + (size_t)y * stride, w);
		if (c != ROW_NONE && c != prev)
			out[n++] = c == ROW_FLAG ? 'F' : 'U';
		prev = c;
	}
	out[n] = '\0';
	cairo_surface_destroy(s);
}

/* Dots of a dot plot from top to bottom: 'U' rows with blue marks only, 'F'
 * rows with vermillion marks only (rows holding both, the legend, are
 * skipped), consecutive repeats collapsed. */
static void mark_sequence(const char *png, char *out, size_t size)
{
	cairo_surface_t *s = read_png(png);
	cairo_surface_flush(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	size_t n = 0;
	char prev = 0;
	for (int y = 0; y < h && n + 1 < size; y++) {
		const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
		int ok = 0, flag = 0;
		for (int x = 0; x < w; x++) {
			ok += (row[x] & 0xffffff) == 0x0072b2;
			flag += (row[x] & 0xffffff) == 0xd55e00;
		}
		char c = flag >= 3 && ok < 3 ? 'F' : ok >= 3 && flag < 3 ? 'U' : 0;
		if (c && c != prev)
			out[n++] = c;
		if (c)
			prev = c;
	}
	out[n] = '\0';
	cairo_surface_destroy(s);
}

/* Draws the indicators chart of d to NAME.png and fails unless its bars,
 * top to bottom, are flagged as want says ('F' flagged, 'U' not). */
static void assert_indicator_bars(const itakit_chart_data *d, const itakit_chart_options *o, const char *name,
				  const char *want)
{
	const char *png = out_path(name, "png");
	if (itakit_chart_write(png, ITAKIT_CHART_INDICATORS, d, o) != 0)
		fail_msg("%s: %s", name, itakit_error_last());
	char seq[64];
	bar_sequence(png, seq, sizeof seq);
	assert_string_equal(seq, want);
}

/* Bangkok 2566: indicators 2, 4, 5, 6, 7, 8 are below 85 (85.85 is not). */
static void test_flagged_bars_pixels(void **state)
{
	itakit_chart_data d = data_for(ITAKIT_CHART_INDICATORS);
	assert_indicator_bars(&d, NULL, "indicators-pixels", "UFUFFFFFUU");
}

/* --- determinism --- */

static void assert_same_file(const char *a, const char *b)
{
	char *x, *y;
	size_t nx, ny;
	assert_int_equal(itakit_file_read(&x, &nx, a, 0), 0);
	assert_int_equal(itakit_file_read(&y, &ny, b, 0), 0);
	assert_int_equal(nx, ny);
	assert_memory_equal(x, y, nx);
	free(x);
	free(y);
}

static void test_byte_identical(void **state)
{
	static const itakit_chart_kind kinds[] = {ITAKIT_CHART_OVERALL, ITAKIT_CHART_HEATMAP, ITAKIT_CHART_TREND};
	for (size_t k = 0; k < 3; k++) {
		itakit_chart_data d = data_for(kinds[k]);
		for (int f = 0; f < 2; f++) {
			const char *ext = f ? "pdf" : "png";
			char a[1024], b[1024];
			snprintf(a, sizeof a, "%s", out_path("same-a", ext));
			snprintf(b, sizeof b, "%s", out_path("same-b", ext));
			assert_int_equal(itakit_chart_write(a, kinds[k], &d, NULL), 0);
			assert_int_equal(itakit_chart_write(b, kinds[k], &d, NULL), 0);
			assert_same_file(a, b);
		}
	}
	/* the PDF carries SOURCE_DATE_EPOCH (1700000000 under ctest), not the clock */
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	itakit_chart_data d = data_for(ITAKIT_CHART_OVERALL);
	const char *path = out_path("dated", "pdf");
	assert_int_equal(itakit_chart_write(path, ITAKIT_CHART_OVERALL, &d, NULL), 0);
	char *pdf;
	size_t n;
	assert_int_equal(itakit_file_read(&pdf, &n, path, 0), 0);
	bool dated = false;
	for (size_t i = 0; i + 15 <= n && !dated; i++)
		dated = memcmp(pdf + i, "(20231114221320", 15) == 0;
	assert_true(dated);
	free(pdf);
}

/* --- options --- */

static void test_english_and_digits(void **state)
{
	itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
	o.lang = ITAKIT_LANG_EN;
	itakit_chart_data d = data_for(ITAKIT_CHART_INDICATORS);
	const char *path = out_path("indicators-en", "pdf");
	assert_int_equal(itakit_chart_write(path, ITAKIT_CHART_INDICATORS, &d, &o), 0);
	const char *t = pdf_text(path);
	assert_contains(t, "Scores by indicator");
	assert_contains(t, "4. Use of state property");
	assert_contains(t, "88.98");
	assert_contains(t, "Fiscal year 2023 (B.E. 2566)");

	itakit_chart_options a = ITAKIT_CHART_OPTIONS_INIT;
	a.digits = ITAKIT_DIGITS_ARABIC;
	d = data_for(ITAKIT_CHART_DELTA);
	path = out_path("delta-arabic", "pdf");
	assert_int_equal(itakit_chart_write(path, ITAKIT_CHART_DELTA, &d, &a), 0);
	t = pdf_text(path);
	assert_contains(t, "ปีงบประมาณ พ.ศ. 2566 เทียบกับ พ.ศ. 2565");
	assert_contains(t, "\xe2\x88\x92" "1.03");  /* overall: 88.98 - 90.01, true minus sign */
	assert_contains(t, "0.00");
}

static void test_png_size_options(void **state)
{
	itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
	o.pixel_width = 800;
	itakit_chart_data d = data_for(ITAKIT_CHART_TOOLS);
	const char *path = out_path("tools-800", "png");
	assert_int_equal(itakit_chart_write(path, ITAKIT_CHART_TOOLS, &d, &o), 0);
	cairo_surface_t *s = read_png(path);
	assert_int_equal(cairo_image_surface_get_width(s), 800);
	assert_int_equal(cairo_image_surface_get_height(s), 500);
	cairo_surface_destroy(s);

	itakit_chart_options q = ITAKIT_CHART_OPTIONS_INIT;
	q.dpi = 300;
	q.width = 240;
	q.height = 160;
	path = out_path("tools-300dpi", "png");
	assert_int_equal(itakit_chart_write(path, ITAKIT_CHART_TOOLS, &d, &q), 0);
	s = read_png(path);
	assert_int_equal(cairo_image_surface_get_width(s), 1000);
	assert_int_equal(cairo_image_surface_get_height(s), 667);
	cairo_surface_destroy(s);
}

/* The report's way: draw into a box of a larger PDF page. */
static void test_draw_into_box(void **state)
{
	cairo_surface_t *pdf = cairo_pdf_surface_create(out_path("embedded", "pdf"), 595, 842);
	cairo_t *cr = cairo_create(pdf);
	cairo_translate(cr, 57, 100);
	itakit_chart_data d = data_for(ITAKIT_CHART_OVERALL);
	assert_int_equal(itakit_chart_draw(cr, 480, 300, ITAKIT_CHART_OVERALL, &d, NULL), 0);
	cairo_matrix_t m;
	cairo_get_matrix(cr, &m);
	assert_true(m.x0 == 57 && m.y0 == 100);  /* state restored */
	cairo_destroy(cr);
	cairo_surface_destroy(pdf);
	assert_contains(pdf_text(out_path("embedded", "pdf")), "คะแนนภาพรวม ITA: กรุงเทพมหานคร");
}

/* --- edge cases --- */

static int write_kind(itakit_chart_kind k, const itakit_chart_data *d, const char *name)
{
	int rc = itakit_chart_write(out_path(name, "pdf"), k, d, NULL);
	if (rc == 0)
		rc = itakit_chart_write(out_path(name, "png"), k, d, NULL);
	return rc;
}

static void assert_no_nan(const char *pdf)
{
	const char *t = pdf_text(pdf);
	assert_null(strstr(t, "nan"));
	assert_null(strstr(t, "inf"));
}

static void test_one_year_only(void **state)
{
	itakit_unit_analysis ua;
	itakit_unit u;
	fx_unit(&ua, &u, "สำนักงานเขตบางรัก", &fx_bangkok[3], 1);
	itakit_chart_data d = {&fx_fw, &ua, NULL, NULL, &ua, 1, NULL};
	for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++) {
		char name[64];
		snprintf(name, sizeof name, "one-year-%s", itakit_chart_kind_name(k));
		if (write_kind(k, &d, name))
			fail_msg("%s: %s", name, itakit_error_last());
		assert_no_nan(out_path(name, "pdf"));
	}
	assert_contains(pdf_text(out_path("one-year-delta", "pdf")), "ไม่มีข้อมูลปีก่อนหน้าให้เปรียบเทียบ");
	assert_contains(pdf_text(out_path("one-year-change", "pdf")), "ไม่มีคะแนนของปีก่อนหน้าให้เปรียบเทียบ");
	assert_contains(pdf_text(out_path("one-year-trend", "pdf")), "ข้อมูลไม่ถึง ๓ ปี");
	fx_unit_free(&ua);
}

/* The trend panels forecast only where the line has a direction, as the
 * report's text does: a steady rise gets its forecast and band, a line that
 * does not differ from level gets neither, and a unit with no such line
 * promises no forecast in its subtitle or key. */
static const char *trend_text(const itakit_unit_analysis *ua, const char *name)
{
	itakit_chart_data d = data_for(ITAKIT_CHART_TREND);
	d.unit = ua;
	if (write_kind(ITAKIT_CHART_TREND, &d, name))
		fail_msg("%s", itakit_error_last());
	return pdf_text(out_path(name, "pdf"));
}

static void test_trend_forecasts_only_directed_lines(void **state)
{
	(void)state;
	/* indicator 1 rises steadily, indicator 2 goes back and forth */
	static const fx_year mixed_years[] = {
		{2562, {80.10, 82, 90, 75, 82, 81, 79, 84, 88, 86}, NAN},
		{2563, {82.00, 76, 84, 70, 78, 86, 84, 79, 82, 91}, NAN},
		{2564, {84.20, 81, 89, 76, 83, 80, 80, 85, 87, 85}, NAN},
		{2565, {85.90, 77, 85, 71, 79, 85, 83, 80, 83, 90}, NAN},
		{2566, {88.00, 82, 88, 75, 82, 81, 80, 84, 88, 86}, NAN},
	};
	itakit_unit_analysis mixed_ua;
	itakit_unit mixed_u;
	fx_unit(&mixed_ua, &mixed_u, "สำนักงานเขตราษฎร์บูรณะ", mixed_years, 5);
	assert_true(mixed_ua.trend_indicator[0].fit.sloped);
	assert_false(mixed_ua.trend_indicator[1].fit.sloped);
	const char *mixed = trend_text(&mixed_ua, "trend-mixed");
	fx_unit_free(&mixed_ua);
	assert_contains(mixed, "ค่าพยากรณ์");
	assert_contains(mixed, "ไม่มีทิศทางชัดเจน");

	static const fx_year wavering[] = {
		{2564, {80, 70, 90, 75, 82, 81, 79, 84, 88, 86}, NAN},
		{2565, {86, 76, 84, 70, 78, 86, 84, 79, 82, 91}, NAN},
		{2566, {81, 71, 89, 76, 83, 80, 80, 85, 87, 85}, NAN},
	};
	itakit_unit_analysis ua;
	itakit_unit u;
	fx_unit(&ua, &u, "สำนักงานเขตบางรัก", wavering, 3);
	for (int i = 0; i < FX_NI; i++)
		assert_false(ua.trend_indicator[i].fit.sloped);
	const char *level = trend_text(&ua, "trend-level");
	assert_contains(level, "จึงไม่พยากรณ์");
	assert_not_contains(level, "ค่าพยากรณ์");
	assert_not_contains(level, "ช่วงพยากรณ์");
	fx_unit_free(&ua);
}

static void test_overall_only_and_missing(void **state)
{
	/* 2563: overall only */
	itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
	o.year = 2563;
	itakit_chart_data d = data_for(ITAKIT_CHART_INDICATORS);
	const char *path = out_path("indicators-overall-only", "pdf");
	assert_int_equal(itakit_chart_write(path, ITAKIT_CHART_INDICATORS, &d, &o), 0);
	assert_contains(pdf_text(path), "ไม่มีคะแนนรายตัวชี้วัดของปีนี้");
	/* 2565 against 2563, which has no indicators */
	o.year = 2565;
	path = out_path("delta-prev-overall-only", "pdf");
	assert_int_equal(itakit_chart_write(path, ITAKIT_CHART_DELTA, &d, &o), 0);
	assert_contains(pdf_text(path), "ไม่มีคะแนนรายตัวชี้วัดของปี พ.ศ. ๒๕๖๓ ให้เปรียบเทียบ");
	/* a year the unit does not have */
	o.year = 2564;
	assert_int_equal(itakit_chart_write(out_path("x", "png"), ITAKIT_CHART_INDICATORS, &d, &o),
			 ITAKIT_ENOTFOUND);
	/* two indicators missing in a year */
	fx_year y = fx_bangkok[3];
	y.ind[2] = NAN;
	y.ind[6] = NAN;
	itakit_unit_analysis ua;
	itakit_unit u;
	fx_unit(&ua, &u, "สำนักงานเขตปทุมวัน", &y, 1);
	d.unit = &ua;
	path = out_path("indicators-missing", "pdf");
	assert_int_equal(itakit_chart_write(path, ITAKIT_CHART_INDICATORS, &d, NULL), 0);
	assert_contains(pdf_text(path), "ไม่มีข้อมูล");
	assert_no_nan(path);
	fx_unit_free(&ua);
}

static void test_extreme_scores(void **state)
{
	static const double values[2] = {100, 0};
	for (int v = 0; v < 2; v++) {
		fx_year ys[3];
		for (int j = 0; j < 3; j++) {
			ys[j].year = 2564 + j;
			ys[j].overall = NAN;
			for (int i = 0; i < FX_NI; i++)
				ys[j].ind[i] = values[v];
		}
		itakit_unit_analysis ua;
		itakit_unit u;
		fx_unit(&ua, &u, v ? "หน่วยงานคะแนนศูนย์" : "หน่วยงานคะแนนเต็ม", ys, 3);
		itakit_chart_data d = {&fx_fw, &ua, NULL, NULL, &ua, 1, NULL};
		for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++) {
			char name[64];
			snprintf(name, sizeof name, "extreme-%d-%s", v, itakit_chart_kind_name(k));
			if (write_kind(k, &d, name))
				fail_msg("%s: %s", name, itakit_error_last());
			assert_no_nan(out_path(name, "pdf"));
		}
		fx_unit_free(&ua);
	}
}

static void test_units_edge_cases(void **state)
{
	/* one unit */
	itakit_chart_data d = {&fx_fw, NULL, NULL, NULL, few, 1, NULL};
	assert_int_equal(write_kind(ITAKIT_CHART_HEATMAP, &d, "heatmap-one"), 0);
	assert_int_equal(write_kind(ITAKIT_CHART_RANKING, &d, "ranking-one"), 0);
	/* no units */
	d.n_units = 0;
	assert_int_equal(write_kind(ITAKIT_CHART_HEATMAP, &d, "heatmap-none"), 0);
	assert_contains(pdf_text(out_path("heatmap-none", "pdf")), "ไม่มีหน่วยงานที่มีคะแนนในปีนี้");
	/* 50 units in a fixed half page: too many rows, a clear error */
	itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
	o.height = 300;
	d = data_for(ITAKIT_CHART_RANKING);
	assert_int_equal(itakit_chart_write(out_path("x", "png"), ITAKIT_CHART_RANKING, &d, &o), ITAKIT_ELIMIT);
	assert_non_null(strstr(itakit_error_last(), "height 0"));
	/* a 60+ character name among the districts: drawn (ellipsized), no error */
	itakit_unit_analysis many[51];
	itakit_unit many_u[51];
	fx_districts_make(many, many_u, 51);
	free(many_u[50].name);
	many_u[50].name = strdup(FX_LONG_NAME);
	d.units = many;
	d.n_units = 51;
	for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++) {
		if (!itakit_chart_kind_is_multi(k))
			continue;
		char name[64];
		snprintf(name, sizeof name, "long-%s", itakit_chart_kind_name(k));
		if (write_kind(k, &d, name))
			fail_msg("%s: %s", name, itakit_error_last());
	}
	/* and as the title of a single-unit chart: wrapped, whole */
	d.unit = &many[50];
	assert_int_equal(write_kind(ITAKIT_CHART_INDICATORS, &d, "long-title"), 0);
	assert_contains(pdf_text(out_path("long-title", "pdf")), "สำนักงานส่งเสริมและพัฒนา");
	for (int i = 0; i < 51; i++)
		fx_unit_free(&many[i]);
}

static void test_errors(void **state)
{
	itakit_chart_data d = data_for(ITAKIT_CHART_OVERALL);
	assert_int_equal(itakit_chart_write(out_path("x", "gif"), ITAKIT_CHART_OVERALL, &d, NULL), ITAKIT_EUSAGE);
	itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
	o.font = "No Such Font Family";
	assert_int_equal(itakit_chart_write(out_path("x", "png"), ITAKIT_CHART_OVERALL, &d, &o), ITAKIT_ENOTFOUND);
	assert_non_null(strstr(itakit_error_last(), "No Such Font Family"));
	itakit_chart_data none = {NULL, NULL, NULL, NULL, NULL, 0, NULL};
	assert_int_equal(itakit_chart_write(out_path("x", "png"), ITAKIT_CHART_OVERALL, &none, NULL), ITAKIT_EUSAGE);
	none.fw = &fx_fw;
	assert_int_equal(itakit_chart_write(out_path("x", "png"), ITAKIT_CHART_OVERALL, &none, NULL), ITAKIT_EUSAGE);
	/* a character no font has: an error naming it, not a box on the page */
	itakit_unit_analysis ua;
	itakit_unit u;
	fx_unit(&ua, &u, "หน่วยงาน\xcd\xb8", fx_national, 3);  /* U+0378, unassigned */
	d.unit = &ua;
	d.reference = NULL;
	assert_int_equal(itakit_chart_write(out_path("glyph", "png"), ITAKIT_CHART_OVERALL, &d, NULL), ITAKIT_ERROR);
	assert_non_null(strstr(itakit_error_last(), "cannot draw"));
	struct stat st;
	assert_int_not_equal(stat(out_path("glyph", "png"), &st), 0);  /* nothing left behind */
	fx_unit_free(&ua);
}

/* --- real data: the loader and the analysis, not hand-made structs --- */

/* Bangkok as published: the six flagged bars, the tool scores, the overall
 * series with its 2564 gap against the national average. */
static void test_real_bangkok(void **state)
{
	analysed_data b, n;
	analysed_data_load(&b, "data/bangkok.csv");
	analysed_data_load(&n, "data/national_averages.csv");
	assert_int_equal(b.n, 1);
	itakit_chart_data d = {&b.fw, &b.ua[0], &n.ua[0], NULL, NULL, 0, NULL};

	assert_indicator_bars(&d, NULL, "real-indicators", "UFUFFFFFUU");

	const char *pdf = out_path("real-tools", "pdf");
	assert_int_equal(itakit_chart_write(pdf, ITAKIT_CHART_TOOLS, &d, NULL), 0);
	const char *t = pdf_text(pdf);
	assert_contains(t, "๘๒.๔๔");  /* IIT */
	assert_contains(t, "๘๐.๘๒");  /* EIT */
	assert_contains(t, "๑๐๐.๐๐"); /* OIT */
	assert_contains(t, "๘๘.๙๘");

	pdf = out_path("real-overall", "pdf");
	assert_int_equal(itakit_chart_write(pdf, ITAKIT_CHART_OVERALL, &d, NULL), 0);
	t = pdf_text(pdf);
	assert_contains(t, "ค่าเฉลี่ยระดับประเทศ");
	assert_contains(t, "ปีงบประมาณ พ.ศ. ๒๕๖๒–๒๕๖๖");
	assert_contains(t, "๘๘.๕๐");
	assert_contains(t, "๙๑.๔๘");
	assert_contains(t, "๙๐.๐๑");
	assert_contains(t, "๙๐.๑๙");
	assert_contains(t, "๘๑.๒๕");
	assert_contains(t, "ไม่มีข้อมูล");  /* Bangkok 2564 */

	pdf = out_path("real-delta", "pdf");
	assert_int_equal(itakit_chart_write(pdf, ITAKIT_CHART_DELTA, &d, NULL), 0);
	assert_contains(pdf_text(pdf), "ไม่มีคะแนนรายตัวชี้วัดของปี พ.ศ. ๒๕๖๕ ให้เปรียบเทียบ");
	analysed_data_release(&b);
	analysed_data_release(&n);
}

/* The 50 (synthetic) districts with the library's cohort: the counts below
 * the threshold the distribution chart prints are the cohort's, and the
 * ranking starts with the cohort's first unit. */
static void test_real_districts(void **state)
{
	analysed_data r;
	analysed_data_load(&r, "data/bangkok_districts_synthetic.csv");
	assert_int_equal(r.n, 50);
	itakit_cohort c;
	assert_int_equal(itakit_cohort_build(&c, r.ua, r.n, 2566, NULL, &r.fw), 0);
	assert_int_equal(c.n_units, 50);
	itakit_chart_data d = {&r.fw, NULL, NULL, NULL, r.ua, r.n, &c};

	const char *pdf = out_path("real-distribution", "pdf");
	assert_int_equal(itakit_chart_write(pdf, ITAKIT_CHART_DISTRIBUTION, &d, NULL), 0);
	const char *t = pdf_text(pdf);
	/* each indicator's row ends with its count below the threshold */
	assert_non_null(c.era);
	for (size_t i = 0; i < c.n_indicators; i++) {
		char code[16], count[16], line[512];
		itakit_format_int(code, sizeof code, c.era->indicators[i].code, ITAKIT_DIGITS_THAI);
		itakit_format_int(count, sizeof count, (long)c.indicator[i].n_below, ITAKIT_DIGITS_THAI);
		snprintf(line, sizeof line, "%s. %s %s\n", code, c.era->indicators[i].name_th, count);
		assert_contains(t, line);
	}

	/* units below the threshold are marked: reading the dots top to bottom,
	 * the cohort's passing units (blue) come first, then the failing ones
	 * (vermillion), one change of colour; the legend at the bottom adds one
	 * row holding both marks, which counts as neither */
	const char *png = out_path("real-ranking", "png");
	assert_int_equal(itakit_chart_write(png, ITAKIT_CHART_RANKING, &d, NULL), 0);
	char seq[64];
	mark_sequence(png, seq, sizeof seq);
	assert_true(c.n_pass > 0 && c.n_pass < c.n_units);
	assert_string_equal(seq, "UF");

	pdf = out_path("real-ranking", "pdf");
	assert_int_equal(itakit_chart_write(pdf, ITAKIT_CHART_RANKING, &d, NULL), 0);
	char first[320];
	snprintf(first, sizeof first, "๑. %s", c.ranking[0].ua->unit->name);
	assert_contains(pdf_text(pdf), first);

	for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++) {
		d.unit = &r.ua[k % 50];
		char name[64];
		snprintf(name, sizeof name, "real-%s", itakit_chart_kind_name(k));
		if (write_kind(k, &d, name))
			fail_msg("%s: %s", name, itakit_error_last());
		assert_no_nan(out_path(name, "pdf"));
	}
	itakit_cohort_release(&c);
	analysed_data_release(&r);
}

/* --- the flags are the analysis's --- */

/* Bangkok as published, analysed against a flag line of 80 instead of the
 * framework's 85: the chart draws the analysis's flags and its line, and
 * refuses a threshold of its own that differs. Against 80 the published
 * 2566 scores 92.27 77.83 85.85 77.95 78.31 82.88 81.22 78.37 100 100
 * flag indicators 2, 4, 5 and 8. */
static void test_flags_from_the_analysis(void **state)
{
	analysed_data b;
	analysed_data_load(&b, "data/bangkok.csv");
	assert_int_equal(b.n, 1);
	itakit_unit_analysis ua;
	itakit_analysis_options ao = ITAKIT_ANALYSIS_OPTIONS_INIT;
	ao.threshold = 80;
	assert_int_equal(itakit_analysis_run_unit(&ua, &b.ds.units[0], &b.fw, &ao, NULL), 0);
	itakit_chart_data d = {&b.fw, &ua, NULL, NULL, NULL, 0, NULL};

	assert_indicator_bars(&d, NULL, "flags-80", "UFUFFUUFUU");
	const char *pdf = out_path("flags-80", "pdf");
	assert_int_equal(itakit_chart_write(pdf, ITAKIT_CHART_INDICATORS, &d, NULL), 0);
	const char *t = pdf_text(pdf);
	assert_contains(t, "เส้นเฝ้าระวัง ๘๐.๐๐");
	assert_contains(t, "ต่ำกว่า ๘๐.๐๐");

	/* a chart threshold other than the analysis's is a usage error, and
	 * nothing is written; the same one is fine */
	itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
	o.threshold = 85;
	const char *bad = out_path("flags-85-on-80", "png");
	assert_int_equal(itakit_chart_write(bad, ITAKIT_CHART_INDICATORS, &d, &o), ITAKIT_EUSAGE);
	assert_non_null(strstr(itakit_error_last(), "analyse with the same threshold"));
	struct stat st;
	assert_int_not_equal(stat(bad, &st), 0);
	double w, h;
	assert_int_equal(itakit_chart_size(&w, &h, ITAKIT_CHART_INDICATORS, &d, &o), ITAKIT_EUSAGE);
	o.threshold = 80;
	assert_indicator_bars(&d, &o, "flags-80-given", "UFUFFUUFUU");

	/* units analysed against different lines cannot share one chart */
	itakit_unit_analysis two[2] = {b.ua[0], ua};
	itakit_chart_data m = {&b.fw, NULL, NULL, NULL, two, 2, NULL};
	assert_int_equal(itakit_chart_write(out_path("flags-mixed", "png"), ITAKIT_CHART_RANKING, &m, NULL),
			 ITAKIT_EUSAGE);
	assert_non_null(strstr(itakit_error_last(), "different flag lines"));

	itakit_unit_analysis_release(&ua);
	analysed_data_release(&b);
}

/* A score is flagged when its published (rounded) value is below the line:
 * 84.995 shows as 85.00 and is not flagged, 84.994 shows as 84.99 and is.
 * And whatever the chart is given as the flag, it draws: a bit set against
 * the scores (indicator 1 flagged at 92.27, indicator 2 not at 77.83) shows
 * that it never judges a score itself. */
static void test_flags_drawn_as_given(void **state)
{
	static const fx_year edge[] = {
		{2566, {84.995, 84.994, 85.00, 84.9949, 90, 90, 90, 90, 100, 100}, NAN},
	};
	itakit_unit_analysis ua;
	itakit_unit u;
	fx_unit(&ua, &u, "สำนักงานเขตบางรัก", edge, 1);
	assert_true(ua.years[0].indicator[0].rounded == 85.0 && !ua.years[0].indicator[0].flagged);
	itakit_chart_data d = {&fx_fw, &ua, NULL, NULL, NULL, 0, NULL};
	assert_indicator_bars(&d, NULL, "flags-edge", "UFUFUUUUUU");
	fx_unit_free(&ua);

	fx_unit(&ua, &u, "กรุงเทพมหานคร", fx_bangkok, 4);
	itakit_year_analysis *ya = &ua.years[3];
	ya->indicator[0].flagged = true;
	ya->indicator[1].flagged = false;
	d.unit = &ua;
	assert_indicator_bars(&d, NULL, "flags-given", "FUUFFFFFUU");
	fx_unit_free(&ua);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_every_kind_every_format),
		cmocka_unit_test(test_pdf_text),
		cmocka_unit_test(test_flagged_bars_pixels),
		cmocka_unit_test(test_byte_identical),
		cmocka_unit_test(test_english_and_digits),
		cmocka_unit_test(test_png_size_options),
		cmocka_unit_test(test_draw_into_box),
		cmocka_unit_test(test_one_year_only),
		cmocka_unit_test(test_trend_forecasts_only_directed_lines),
		cmocka_unit_test(test_overall_only_and_missing),
		cmocka_unit_test(test_extreme_scores),
		cmocka_unit_test(test_units_edge_cases),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_real_bangkok),
		cmocka_unit_test(test_real_districts),
		cmocka_unit_test(test_flags_from_the_analysis),
		cmocka_unit_test(test_flags_drawn_as_given),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
