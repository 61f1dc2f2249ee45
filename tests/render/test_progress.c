/* The progress report through the library API: the plan it follows, result
 * fields, error codes, nothing left behind on failure, and the chart's bars
 * measured on the picture. What the pages say is checked end to end in
 * tests/cli/test_progress.sh. */
#include "test_support.h"
#include "itakit/progress.h"
#include "render/chart_progress.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void parse_status(itakit_status *st, const char *text)
{
	itakit_diag_list d;
	itakit_diag_list_init(&d);
	itakit_status_init(st);
	assert_int_equal(itakit_status_parse(st, text, strlen(text), "s.csv", &d), 0);
	itakit_diag_list_release(&d);
}

static void test_write(void **state)
{
	(void)state;
	analysed_data f;
	analysed_data_load(&f, "data/bangkok.csv");
	itakit_status st;
	parse_status(&st, "id,status,progress\nM04,done,100\nM05,in_progress,50\nM03,not_started,0\n");
	char path[400];
	snprintf(path, sizeof path, "%s/p.pdf", temp_dir());
	itakit_progress_options o = ITAKIT_PROGRESS_OPTIONS_INIT;
	o.status = &st;
	o.round = 12;
	itakit_progress_result res;
	itakit_diag_list d;
	itakit_diag_list_init(&d);
	assert_int_equal(itakit_progress_write(&res, path, &f.fw, &f.ua[0], 2566, &o, &d), 0);
	/* Bangkok 2566: six indicators below 85, answered by M04, M05, M03, M02 */
	assert_int_equal(res.n_measures, 4);
	assert_int_equal(res.n_missing, 1);
	assert_false(res.has_next_year); /* the data ends at 2566 */
	assert_true(res.pages >= 3);
	assert_int_equal(d.warnings, 1);
	assert_true(diags_contain(&d, "measure 'M02'"));
	itakit_diag_list_release(&d);
	itakit_status_release(&st);
	analysed_data_release(&f);
}

static void test_next_year(void **state)
{
	(void)state;
	analysed_data f;
	memset(&f, 0, sizeof f);
	analysed_data_load(&f, "tests/fixtures/bangkok_2566_2567_synthetic.csv");
	itakit_status st;
	parse_status(&st, "id,status,progress\nM04,done,100\nM05,done,100\nM03,done,100\nM02,done,100\n");
	char path[400];
	snprintf(path, sizeof path, "%s/n.pdf", temp_dir());
	itakit_progress_options o = ITAKIT_PROGRESS_OPTIONS_INIT;
	o.status = &st;
	o.round = 12;
	itakit_progress_result res;
	assert_int_equal(itakit_progress_write(&res, path, &f.fw, &f.ua[0], 2566, &o, NULL), 0);
	assert_true(res.has_next_year);
	assert_int_equal(res.n_missing, 0);
	/* the 6-month round never compares years */
	o.round = 6;
	assert_int_equal(itakit_progress_write(&res, path, &f.fw, &f.ua[0], 2566, &o, NULL), 0);
	assert_false(res.has_next_year);
	itakit_status_release(&st);
	analysed_data_release(&f);
}

static void test_errors_leave_nothing(void **state)
{
	(void)state;
	analysed_data f;
	analysed_data_load(&f, "data/bangkok.csv");
	char dir[300], path[400];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(path, sizeof path, "%s/x.pdf", dir);
	itakit_status st;
	parse_status(&st, "id,status,progress\nM04,done,100\nM09,done,100\n");
	itakit_progress_options o = ITAKIT_PROGRESS_OPTIONS_INIT;
	o.status = &st;
	itakit_diag_list d;
	itakit_diag_list_init(&d);
	/* M09 is in the catalog but not in Bangkok's plan */
	assert_int_equal(itakit_progress_write(NULL, path, &f.fw, &f.ua[0], 2566, &o, &d), ITAKIT_EINPUT);
	assert_true(diags_contain(&d, "s.csv:3:1: error: measure 'M09' is not among the measures"));
	assert_int_equal(itakit_progress_check(&f.fw, &f.ua[0], 2566, &o, NULL), ITAKIT_EINPUT);
	o.round = 7;
	assert_int_equal(itakit_progress_write(NULL, path, &f.fw, &f.ua[0], 2566, &o, NULL), ITAKIT_EUSAGE);
	o.round = 6;
	assert_int_equal(itakit_progress_write(NULL, path, &f.fw, &f.ua[0], 2564, &o, NULL), ITAKIT_ENOTFOUND);
	o.status = NULL;
	assert_int_equal(itakit_progress_write(NULL, path, &f.fw, &f.ua[0], 2566, &o, NULL), ITAKIT_EUSAGE);
	assert_int_equal(dir_entries(dir), 0);
	itakit_diag_list_release(&d);
	itakit_status_release(&st);
	analysed_data_release(&f);
}

/* The document's date: --date (options) over the round's own profile key
 * over the profile's date; a warning when it falls before the end of the
 * period the round covers (results of 2566: measures run 1 October 2566 to
 * 30 September 2567; the 6-month round ends 31 March 2567). */
static void test_date(void **state)
{
	(void)state;
	itakit_profile pr;
	itakit_diag_list d;
	itakit_profile_init(&pr);
	itakit_diag_list_init(&d);
	const char *text = "date = 2567-01-31\nprogress_date_12 = 2024-10-31\n";
	assert_int_equal(itakit_profile_parse(&pr, text, strlen(text), "p.ini", &d), 0);
	itakit_progress_options o = ITAKIT_PROGRESS_OPTIONS_INIT;
	o.profile = &pr;
	itakit_profile_date got;

	/* 6 months: no key of its own, so the profile's date, two months early */
	o.round = 6;
	assert_int_equal(itakit_progress_date(&got, 2566, &o, &d), 0);
	assert_int_equal(got.year, 2567);
	assert_int_equal(got.month, 1);
	assert_int_equal(got.day, 31);
	assert_diags(&d, "p.ini:1: warning: the 6-month progress report is dated 2567-01-31 ('date'), before the end "
			 "of the period it reports on (2566-10-01 to 2567-03-31, BE; the report is due by 2567-04-30): "
			 "give this report its own date in 'progress_date_6'\n");
	itakit_diag_list_release(&d);

	/* 12 months: its own key (CE 2024 = BE 2567), after 30 September: no warning */
	o.round = 12;
	assert_int_equal(itakit_progress_date(&got, 2566, &o, &d), 0);
	assert_int_equal(got.year, 2567);
	assert_int_equal(got.month, 10);
	assert_int_equal(got.day, 31);
	assert_int_equal(d.count, 0);

	/* the option wins; the last day of the period is not early, the day before is */
	o.date = (itakit_profile_date){2567, 9, 30};
	assert_int_equal(itakit_progress_date(&got, 2566, &o, &d), 0);
	assert_int_equal(got.month, 9);
	assert_int_equal(d.count, 0);
	o.date.day = 29;
	assert_int_equal(itakit_progress_date(&got, 2566, &o, &d), 0);
	assert_diags(&d, "itakit: warning: the 12-month progress report is dated 2567-09-29, before the end of the "
			 "period it reports on (2566-10-01 to 2567-09-30, BE; the report is due by 2567-10-31)\n");
	itakit_diag_list_release(&d);
	o.round = 6;
	o.date = (itakit_profile_date){2567, 3, 31};
	assert_int_equal(itakit_progress_date(&got, 2566, &o, &d), 0);
	assert_int_equal(d.count, 0);
	/* a year early is early, whatever the month */
	o.date = (itakit_profile_date){2566, 12, 1};
	assert_int_equal(itakit_progress_date(&got, 2566, &o, &d), 0);
	assert_int_equal(d.warnings, 1);
	itakit_diag_list_release(&d);
	/* diags NULL: the date only */
	assert_int_equal(itakit_progress_date(&got, 2566, &o, NULL), 0);
	assert_int_equal(got.year, 2566);

	/* no date anywhere: undated, nothing to warn about */
	o.date = (itakit_profile_date){0, 0, 0};
	o.profile = NULL;
	assert_int_equal(itakit_progress_date(&got, 2566, &o, &d), 0);
	assert_int_equal(got.year, 0);
	assert_int_equal(d.count, 0);
	itakit_profile_release(&pr);
	itakit_diag_list_release(&d);
}

static bool saturated(cairo_surface_t *s, int x, int y)
{
	const unsigned char *p = cairo_image_surface_get_data(s) + y * cairo_image_surface_get_stride(s) + x * 4;
	int mx = p[0] > p[1] ? (p[0] > p[2] ? p[0] : p[2]) : (p[1] > p[2] ? p[1] : p[2]);
	int mn = p[0] < p[1] ? (p[0] < p[2] ? p[0] : p[2]) : (p[1] < p[2] ? p[1] : p[2]);
	return mx - mn > 60; /* a bar's colour, not black text or grey grid */
}

static void test_chart_bars(void **state)
{
	(void)state;
	itakit__progress_bar bars[] = {
		{"ก", true, ITAKIT_STATUS_DONE, 100},
		{"ข", true, ITAKIT_STATUS_IN_PROGRESS, 50},
		{"ค", false, ITAKIT_STATUS_NOT_STARTED, 0},
	};
	itakit__progress_chart c = {ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI, NULL, bars, 3};
	int w = 400, h = (int)itakit__progress_chart_height(w, 3);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	assert_int_equal(itakit__progress_chart_draw(cr, w, h, &c), 0);
	cairo_surface_flush(s);
	/* the bars start at the plot's left edge: the first coloured pixel */
	int left = -1;
	for (int y = 0; y < h && left < 0; y++)
		for (int x = 0; x < w && left < 0; x++)
			if (saturated(s, x, y))
				left = x;
	assert_true(left > 0);
	/* each run of rows coloured at the left edge is a bar; its length */
	int n = 0, len[4] = {0};
	bool in_bar = false;
	for (int y = 0; y < h; y++) {
		bool on = saturated(s, left + 1, y);
		if (on && !in_bar && n < 4)
			n++;
		if (on) {
			int x = left + 1;
			while (x < w && saturated(s, x, y))
				x++;
			if (x - left > len[n - 1])
				len[n - 1] = x - left;
		}
		in_bar = on;
	}
	/* two bars (the measure with no report has none), the second half as
	 * long as the first */
	assert_int_equal(n, 2);
	assert_true(fabs((double)len[1] / len[0] - 0.5) < 0.03);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_next_year),
		cmocka_unit_test(test_errors_leave_nothing),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_chart_bars),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
