/* Analysis against the published figures (docs/domain.md) and values worked out by hand or
 * independently (trend figures: closed-form least squares in Python). */
#include "test_support.h"
#include "core/narrative_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static itakit_framework fw;

static int setup(void **state)
{
	(void)state;
	load_framework(&fw);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	itakit_framework_release(&fw);
	return 0;
}

/* A unit built by hand: ten indicator scores (or NULL) and a reported
 * overall (NaN for none) per year. */
typedef struct {
	int year;
	const double *ind; /* 10 values, NAN for missing; NULL: none */
	double overall;
} year_spec;

static void make_unit(itakit_unit *u, const char *name, const year_spec *ys, size_t n)
{
	memset(u, 0, sizeof *u);
	u->name = (char *)name;
	u->n_years = n;
	u->years = calloc(n, sizeof *u->years);
	for (size_t k = 0; k < n; k++) {
		itakit_unit_year *uy = &u->years[k];
		uy->year = ys[k].year;
		for (int i = 0; i < ITAKIT_MAX_INDICATORS; i++)
			uy->indicator[i] = (ys[k].ind && i < 10) ? ys[k].ind[i] : NAN;
		for (int t = 0; t < ITAKIT_MAX_TOOLS; t++)
			uy->tool[t] = NAN;
		uy->overall = ys[k].overall;
	}
}

/* Builds the unit from ys and analyses it; the test fails if that does. */
static void analyse(itakit_unit_analysis *ua, itakit_unit *u, const char *name, const year_spec *ys,
		    size_t n, const itakit_analysis_options *opts, itakit_diag_list *diags)
{
	make_unit(u, name, ys, n);
	assert_int_equal(itakit_analysis_run_unit(ua, u, &fw, opts, diags), 0);
}

/* One year, 2566, of ten indicator scores and no reported overall,
 * analysed; returns that year's analysis. */
static const itakit_year_analysis *analyse_2566(itakit_unit_analysis *ua, itakit_unit *u, const char *name,
						const double ind[10])
{
	year_spec ys[] = {{2566, ind, NAN}};
	analyse(ua, u, name, ys, 1, NULL, NULL);
	return &ua->years[0];
}

static void release(itakit_unit_analysis *ua, itakit_unit *u)
{
	itakit_unit_analysis_release(ua);
	free(u->years);
}

static const double bkk2566[10] = {92.27, 77.83, 85.85, 77.95, 78.31, 82.88, 81.22, 78.37, 100.00, 100.00};

static void test_bangkok_2566(void **state)
{
	(void)state;
	year_spec ys[] = {{2562, NULL, 88.50}, {2563, NULL, 91.48}, {2565, NULL, 90.01}, {2566, bkk2566, 88.98}};
	itakit_unit u;
	make_unit(&u, "กรุงเทพมหานคร", ys, 4);
	itakit_unit_analysis ua;
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, NULL, &diags), 0);
	assert_int_equal(diags.warnings, 0); /* the published 88.98 agrees with its indicators */
	const itakit_year_analysis *ya = itakit_unit_analysis_year(&ua, 2566);
	assert_non_null(ya);
	/* the published overall is the figure of record, the indicators its check */
	assert_int_equal(ya->overall_source, ITAKIT_SRC_REPORTED);
	assert_int_equal(ya->overall_check_source, ITAKIT_SRC_COMPUTED);
	assert_near(ya->overall.rounded, 88.98, 1e-9);
	assert_near(itakit_score_round(ya->overall_check), 88.98, 1e-9);
	assert_near(itakit_round(ya->tool[0].value, 2), 82.44, 1e-9);
	assert_near(itakit_round(ya->tool[1].value, 2), 80.82, 1e-9);
	assert_near(itakit_round(ya->tool[2].value, 2), 100.00, 1e-9);
	/* 2566 is in the pass family: Bangkok's own measures document says "ผ่าน";
	 * IIT 82.44 and EIT 80.82 are below 85, so not ผ่านดี */
	assert_string_equal(itakit_level_name(ya, 0), "ผ่าน");
	assert_int_equal(ya->level_basis, ITAKIT_LEVEL_BASIS_OVERALL_TOOLS);
	assert_false(ya->level_capped);
	assert_true(ya->pass);
	assert_near(ya->gap, 3.98, 1e-9);
	assert_near(ya->threshold, 85, 0);
	assert_near(ya->pass_line, 85, 0);
	int expect[] = {6, 7, 8, 5, 4, 2};
	assert_int_equal(ya->n_flagged, 6);
	for (int i = 0; i < 6; i++)
		assert_int_equal(ya->flagged[i], expect[i]);
	assert_int_equal(ya->previous_year, 2565);
	assert_true(ya->overall.has_delta);
	assert_near(ya->overall.delta, -1.03, 1e-9);
	/* 2565 has only an overall score: no indicator deltas, no contributions */
	assert_false(ya->indicator[0].has_delta);
	assert_false(ya->has_contributions);
	/* 2562 and 2565 use the letter scheme (published: 2562 88.50, A) */
	assert_string_equal(itakit_level_name(itakit_unit_analysis_year(&ua, 2562), 0), "A");
	assert_string_equal(itakit_level_name(itakit_unit_analysis_year(&ua, 2565), 0), "A");
	assert_int_equal(itakit_unit_analysis_year(&ua, 2562)->level_basis, ITAKIT_LEVEL_BASIS_OVERALL);
	itakit_diag_list_release(&diags);
	release(&ua, &u);
}

static void test_overall_trend_matches_independent_fit(void **state)
{
	(void)state;
	year_spec ys[] = {{2562, NULL, 88.50}, {2563, NULL, 91.48}, {2565, NULL, 90.01}, {2566, bkk2566, 88.98}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "กรุงเทพมหานคร", ys, 4, NULL, NULL);
	const itakit_linear_fit *f = &ua.trend_overall.fit;
	assert_true(f->ok);
	assert_int_equal(f->n, 4);
	/* the series holds the published 2566 overall (88.98), the figure of
	 * record, not the recomputed 88.9796 */
	assert_near(f->slope, -0.05099999999999909, 1e-9);
	assert_near(f->r2, 0.004986890479183992, 1e-9);
	assert_near(f->x_next, 2567, 0);
	assert_near(f->forecast, 89.58949999999999, 1e-9);
	assert_near(f->low, 79.42677463106304, 1e-9);
	assert_near(f->high, 99.75222536893693, 1e-9);
	assert_int_equal(ua.trend_overall.reach_year, 0); /* above the threshold */
	/* R² = 0.005: t = sqrt(0.005 * 2 / 0.995) = 0.10, far below t(0.975, 2)
	 * = 4.30, so the line shows no direction */
	assert_false(f->sloped);
	release(&ua, &u);
}

static void test_trend_rising_reaches_threshold(void **state)
{
	(void)state;
	year_spec ys[] = {{2562, NULL, 70}, {2563, NULL, 72.5}, {2564, NULL, 73}, {2565, NULL, 76.2}, {2566, NULL, 78}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "rising", ys, 5, NULL, NULL);
	const itakit_linear_fit *f = &ua.trend_overall.fit;
	assert_true(f->ok);
	assert_near(f->slope, 1.97, 1e-9);
	assert_near(f->intercept, -4977.14, 1e-6);
	assert_near(f->r2, 0.9684817328807959, 1e-9);
	assert_near(f->forecast, 79.85, 1e-6);
	assert_near(f->low, 76.85765419744031, 1e-6);
	assert_near(f->high, 82.8423458025586, 1e-6);
	assert_int_equal(ua.trend_overall.reach_year, 2570); /* (85 - a) / b = 2569.61 */
	/* t = sqrt(0.9685 * 3 / 0.0315) = 9.6 > t(0.975, 3) = 3.18 */
	assert_true(f->sloped);
	itakit_narrative n;
	itakit_narrative_options no = ITAKIT_NARRATIVE_OPTIONS_INIT;
	no.lang = ITAKIT_LANG_EN;
	no.digits = ITAKIT_DIGITS_ARABIC;
	itakit_narrative_init(&n, &fw, &ua, &ua.years[4], &no);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	itakit_narrative_trend(&b, &n);
	assert_non_null(strstr(b.data, "rose by 1.97 points a year on average (R² = 0.97); if the trend holds, 2024 "
				       "would score about 79.85 (95% prediction interval 76.86 to 82.84)."));
	assert_non_null(strstr(b.data, "reach the pass line of 85 in fiscal year 2027"));
	itakit_strbuf_release(&b);
	release(&ua, &u);
}

/* "และ" touches a Thai word and is spaced from a number, a Latin word or a
 * parenthesised list number ("และ (๔)", never "และ(๔)"). */
static void test_list_and(void **state)
{
	(void)state;
	assert_string_equal(itakit__narrative_and(ITAKIT_LANG_TH, "ตัวชี้วัดที่ ๒"), " และ");
	assert_string_equal(itakit__narrative_and(ITAKIT_LANG_TH, "เทศบาล"), " และ"); /* a leading vowel */
	assert_string_equal(itakit__narrative_and(ITAKIT_LANG_TH, "(๔) ความโปร่งใส"), " และ ");
	assert_string_equal(itakit__narrative_and(ITAKIT_LANG_TH, "๕"), " และ ");
	assert_string_equal(itakit__narrative_and(ITAKIT_LANG_TH, "OIT"), " และ ");
	assert_string_equal(itakit__narrative_and(ITAKIT_LANG_EN, "(4)"), " and ");
}

/* Three rising years, 80, 82, 85: the line explains 98.7% of them (fitted
 * 79.83, 82.33, 84.83; residual sum of squares 1/6 against 12.67), yet with
 * one degree of freedom t = sqrt(0.987 / 0.013) = 8.7 stays below
 * t(0.975, 1) = 12.71: too few points for a direction, so nothing is
 * forecast, in the text, while the result keeps the figures. */
static void test_trend_too_few_points_forecasts_nothing(void **state)
{
	(void)state;
	year_spec ys[] = {{2564, NULL, 80}, {2565, NULL, 82}, {2566, NULL, 85}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "three", ys, 3, NULL, NULL);
	const itakit_linear_fit *f = &ua.trend_overall.fit;
	assert_true(f->ok);
	assert_near(f->slope, 2.5, 1e-9);
	assert_near(f->r2, 1 - (1.0 / 6) / (38.0 / 3), 1e-9);
	assert_near(f->forecast, 87.3333333333, 1e-6); /* the figures stay */
	assert_false(f->sloped);
	itakit_narrative n;
	itakit_narrative_init(&n, &fw, &ua, &ua.years[2], NULL);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	itakit_narrative_trend(&b, &n);
	assert_non_null(strstr(b.data, "ช่วงปีงบประมาณ พ.ศ. ๒๕๖๔–๒๕๖๖ (๓ ปีที่มีข้อมูล) คะแนนภาพรวมยังไม่แสดงทิศทางที่ชัดเจน "
				       "(R² = ๐.๙๙) จึงไม่คาดการณ์คะแนนของปีต่อไป"));
	assert_null(strstr(b.data, "๘๗.๓๓"));
	assert_null(strstr(b.data, "พยากรณ์"));
	itakit_strbuf_release(&b);
	release(&ua, &u);
}

static void test_trend_needs_three_years(void **state)
{
	(void)state;
	year_spec ys[] = {{2565, NULL, 80}, {2566, NULL, 82}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "short", ys, 2, NULL, NULL);
	assert_false(ua.trend_overall.fit.ok);
	assert_int_equal(ua.trend_overall.fit.n, 2);
	assert_true(isfinite(ua.trend_overall.fit.slope) && ua.trend_overall.fit.slope == 0);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	assert_int_equal(itakit_export_json(&b, &fw, &ua, 1, NULL, NULL), 0);
	/* as JSON values, not inside names ("information disclosure") */
	assert_null(strstr(b.data, ": nan"));
	assert_null(strstr(b.data, ": inf"));
	assert_null(strstr(b.data, ": -inf"));
	assert_non_null(strstr(b.data, "\"slope\": null"));
	itakit_strbuf_release(&b);
	release(&ua, &u);
}

static void test_threshold_boundary(void **state)
{
	(void)state;
	double ind[10] = {85.00, 84.99, 84.994, 84.995, 90, 90, 90, 90, 90, 90};
	itakit_unit u;
	itakit_unit_analysis ua;
	const itakit_year_analysis *ya = analyse_2566(&ua, &u, "edge", ind);
	/* 85.00 and 84.995 (shown 85.00) are not flagged; 84.99 and 84.994 are */
	assert_int_equal(ya->n_flagged, 2);
	assert_int_equal(ya->flagged[0], 2);
	assert_int_equal(ya->flagged[1], 3);
	assert_int_equal(ya->previous_year, 0);
	release(&ua, &u);
}

static void test_custom_threshold_and_levels_2567(void **state)
{
	(void)state;
	double excellent[10] = {96, 96, 96, 96, 96, 96, 96, 96, 96, 96};
	double eit_low[10] = {99, 99, 99, 99, 99, 90, 90, 90, 99, 99};
	double good[10] = {90, 90, 90, 90, 90, 86, 86, 86, 86, 86};
	year_spec ys[] = {{2567, excellent, NAN}, {2568, eit_low, NAN}};
	itakit_unit u;
	make_unit(&u, "levels", ys, 2);
	itakit_unit_analysis ua;
	itakit_analysis_options o = ITAKIT_ANALYSIS_OPTIONS_INIT;
	o.threshold = 90;
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, &o, NULL), 0);
	assert_string_equal(itakit_level_name(&ua.years[0], 0), "ผ่านดีเยี่ยม");
	/* overall 96.3 but EIT 90 < 95: not excellent, but good */
	assert_string_equal(itakit_level_name(&ua.years[1], 0), "ผ่านดี");
	assert_int_equal(ua.years[1].n_flagged, 0); /* 90.00 is not below 90 */
	release(&ua, &u);
	year_spec ys2[] = {{2567, good, NAN}};
	make_unit(&u, "good", ys2, 1);
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, NULL, NULL), 0);
	assert_string_equal(itakit_level_name(&ua.years[0], 0), "ผ่านดี");
	assert_string_equal(itakit_level_name(&ua.years[0], 1), "good pass");
	release(&ua, &u);
}

static void test_delta_from_rounded_values(void **state)
{
	(void)state;
	/* published: 70.4548 (shown 70.45) against 64.6190 (shown 64.62) is +5.83 */
	year_spec ys[] = {{2564, NULL, 64.6190}, {2566, NULL, 70.4548}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "rounding", ys, 2, NULL, NULL);
	assert_int_equal(ua.years[1].previous_year, 2564); /* 2565 missing: a gap */
	assert_near(ua.years[1].overall.delta, 5.83, 1e-9);
	/* 2564 is a letter year, 2566 a pass-family year */
	assert_string_equal(itakit_level_name(&ua.years[0], 0), "D");
	assert_string_equal(itakit_level_name(&ua.years[1], 0), "ต้องปรับปรุง");
	assert_false(ua.years[1].pass);
	assert_near(ua.years[1].gap, -14.55, 1e-9);
	release(&ua, &u);
}

static void test_reported_overall_mismatch_warns(void **state)
{
	(void)state;
	/* a typed 89.50 where the indicators give 88.98: the given figure stays
	 * the one of record, the warning names both and the line */
	year_spec ys[] = {{2566, bkk2566, 89.50}};
	itakit_unit u;
	make_unit(&u, "กรุงเทพมหานคร", ys, 1);
	u.years[0].overall_file = "bkk.csv";
	u.years[0].overall_line = 12;
	itakit_unit_analysis ua;
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, NULL, &diags), 0);
	assert_int_equal(diags.warnings, 1);
	assert_true(diags_contain(&diags, "bkk.csv:12"));
	assert_true(diags_contain(&diags, "89.50"));
	assert_true(diags_contain(&diags, "88.98"));
	assert_true(diags_contain(&diags, "probably a typing error")); /* 0.52 > 0.05 */
	assert_near(ua.years[0].overall.rounded, 89.50, 1e-9);
	assert_near(ua.years[0].gap, 4.50, 1e-9);
	itakit_diag_list_release(&diags);
	release(&ua, &u);
}

/* จังหวัดจันทบุรี 2563 was published as 67.54, an aggregate over its agencies
 * whose indicators give 67.53. The published figure is shown and used; the
 * difference of 0.01 is a warning, not a typing error. The indicator scores
 * below are made up to give 67.53 (the real ones are not in our sources). */
static void test_province_published_overall(void **state)
{
	(void)state;
	double ind[10] = {70, 70, 70, 70, 70, 62, 62, 62, 69.8, 69.85};
	/* IIT 70, EIT 62, OIT 69.825: 21 + 18.6 + 27.93 = 67.53 */
	year_spec ys[] = {{2563, ind, 67.54}};
	itakit_unit u;
	make_unit(&u, "จังหวัดจันทบุรี", ys, 1);
	u.years[0].overall_file = "provinces.csv";
	u.years[0].overall_line = 7;
	itakit_unit_analysis ua;
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, NULL, &diags), 0);
	const itakit_year_analysis *ya = &ua.years[0];
	assert_near(itakit_score_round(ya->overall_check), 67.53, 1e-9);
	assert_near(ya->overall.rounded, 67.54, 1e-9);
	assert_int_equal(ya->overall_source, ITAKIT_SRC_REPORTED);
	assert_string_equal(itakit_level_name(ya, 0), "C");
	assert_int_equal(diags.warnings, 1);
	assert_true(diags_contain(&diags, "provinces.csv:7"));
	assert_true(diags_contain(&diags, "67.54"));
	assert_true(diags_contain(&diags, "67.53"));
	assert_false(diags_contain(&diags, "typing error"));
	itakit_diag_list_release(&diags);
	release(&ua, &u);
}

/* Hand-worked: only indicators 1 (IIT, 6%), 6 (EIT, 10%) and 9 (OIT, 20%) move.
 * +5 on 1 -> +0.30, -2 on 6 -> -0.20, +1.5 on 9 -> +0.30: overall +0.40. */
static void test_contributions_hand_worked(void **state)
{
	(void)state;
	double a[10] = {80, 80, 80, 80, 80, 80, 80, 80, 80, 80};
	double b[10] = {85, 80, 80, 80, 80, 78, 80, 80, 81.5, 80};
	year_spec ys[] = {{2565, a, NAN}, {2566, b, NAN}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "hand", ys, 2, NULL, NULL);
	const itakit_year_analysis *ya = &ua.years[1];
	assert_true(ya->has_contributions);
	assert_near(ya->overall.delta, 0.40, 1e-9);
	assert_near(ya->contribution[0], 0.30, 1e-9);
	assert_near(ya->contribution[5], -0.20, 1e-9);
	assert_near(ya->contribution[8], 0.30, 1e-9);
	assert_int_equal(ya->n_drivers, 3);
	/* ties (0.30) by code; then the largest loss */
	assert_int_equal(ya->drivers[0], 1);
	assert_int_equal(ya->drivers[1], 9);
	assert_int_equal(ya->drivers[2], 6);
	release(&ua, &u);
}

/* Contributions add up to the shown change for many pseudo-random pairs. */
static void test_contributions_add_up(void **state)
{
	(void)state;
	unsigned seed = 12345;
	for (int round = 0; round < 500; round++) {
		double a[10], b[10];
		for (int i = 0; i < 10; i++) {
			seed = seed * 1103515245u + 12345u;
			a[i] = 50 + (seed >> 8) % 5001 / 100.0;
			seed = seed * 1103515245u + 12345u;
			b[i] = 50 + (seed >> 8) % 5001 / 100.0;
		}
		year_spec ys[] = {{2563, a, NAN}, {2564, NULL, 70.0}, {2566, b, NAN}};
		itakit_unit u;
		make_unit(&u, "random", ys, 3);
		itakit_unit_analysis ua;
		assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, NULL, NULL), 0);
		/* 2564 has only an overall: 2566 compares with it, nothing to split */
		assert_int_equal(ua.years[2].previous_year, 2564);
		assert_false(ua.years[2].has_contributions);
		itakit_unit_analysis_release(&ua);
		free(u.years);

		year_spec ys2[] = {{2563, a, NAN}, {2566, b, NAN}};
		make_unit(&u, "random", ys2, 2);
		assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, NULL, NULL), 0);
		const itakit_year_analysis *ya = &ua.years[1];
		assert_true(ya->has_contributions);
		long sum = 0;
		for (int i = 0; i < 10; i++)
			sum += lround(ya->contribution[i] * 100);
		assert_int_equal(sum, lround(ya->overall.delta * 100));
		assert_true(fabs(ya->contribution_residual) <= 0.05);
		itakit_unit_analysis_release(&ua);
		free(u.years);
	}
}

static void test_bangkok_contributions_add_up(void **state)
{
	(void)state;
	/* a made-up 2565 with indicators, against the real 2566 */
	double y2565[10] = {93.10, 80.02, 86.40, 79.00, 80.11, 84.70, 83.05, 80.00, 100.00, 98.50};
	year_spec ys[] = {{2565, y2565, NAN}, {2566, bkk2566, 88.98}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "กรุงเทพมหานคร", ys, 2, NULL, NULL);
	const itakit_year_analysis *ya = &ua.years[1];
	long sum = 0;
	for (int i = 0; i < 10; i++)
		sum += lround(ya->contribution[i] * 100);
	assert_int_equal(sum, lround(ya->overall.delta * 100));
	release(&ua, &u);
}

/* Overall of integer indicator scores, in hundredths (exact). */
static long overall_cents(const int *s)
{
	/* IIT 6%, EIT 10%, OIT 20% of each indicator: in hundredths of points */
	long w[10] = {6, 6, 6, 6, 6, 10, 10, 10, 20, 20};
	long sum = 0;
	for (int i = 0; i < 10; i++)
		sum += w[i] * s[i];
	return sum; /* = overall * 100 */
}

/* Brute force over whole-point rises: the fewest indicators that reach the
 * target. The plan must use exactly that many and reach the target. */
static size_t brute_force_fewest(const int *base, long target_cents)
{
	long w[10] = {6, 6, 6, 6, 6, 10, 10, 10, 20, 20};
	size_t best = 11;
	for (int mask = 0; mask < 1024; mask++) {
		size_t bits = (size_t)__builtin_popcount((unsigned)mask);
		if (bits >= best)
			continue;
		long total = overall_cents(base);
		for (int i = 0; i < 10; i++)
			if (mask & (1 << i))
				total += w[i] * (100 - base[i]);
		if (total >= target_cents)
			best = bits;
	}
	return best;
}

static void check_plan(const int *base, double target)
{
	double ind[10];
	for (int i = 0; i < 10; i++)
		ind[i] = base[i];
	year_spec ys[] = {{2566, ind, NAN}};
	itakit_unit u;
	make_unit(&u, "plan", ys, 1);
	itakit_unit_analysis ua;
	itakit_analysis_options o = ITAKIT_ANALYSIS_OPTIONS_INIT;
	o.target = target;
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, &o, NULL), 0);
	const itakit_year_analysis *ya = &ua.years[0];
	size_t fewest = brute_force_fewest(base, lround(target * 100));
	if (overall_cents(base) >= lround(target * 100)) {
		assert_false(ya->needs_plan);
	} else if (fewest == 11) {
		assert_true(ya->needs_plan);
		assert_false(ya->plan_reachable);
	} else {
		assert_true(ya->plan_reachable);
		assert_int_equal(ya->n_plan, fewest);
		assert_true(itakit_round(ya->plan_overall, 2) >= target);
		for (size_t j = 0; j < ya->n_plan; j++)
			assert_true(ya->plan[j].to <= 100.0);
	}
	release(&ua, &u);
}

static void test_plan_against_brute_force(void **state)
{
	(void)state;
	unsigned seed = 99;
	for (int round = 0; round < 300; round++) {
		int base[10];
		for (int i = 0; i < 10; i++) {
			seed = seed * 1664525u + 1013904223u;
			base[i] = 40 + (int)((seed >> 10) % 61);
		}
		check_plan(base, round % 2 ? 85 : 90);
	}
}

static void test_plan_oit_only_weakness(void **state)
{
	(void)state;
	/* strong surveys, weak disclosure: the OIT plan alone lifts it to 85 */
	double ind[10] = {95, 95, 95, 95, 95, 95, 95, 95, 60, 70};
	itakit_unit u;
	itakit_unit_analysis ua;
	const itakit_year_analysis *ya = analyse_2566(&ua, &u, "oit", ind);
	/* overall = 0.3*95 + 0.3*95 + 0.4*65 = 83.00 */
	assert_near(ya->overall.value, 83.0, 1e-9);
	assert_true(ya->needs_plan && ya->plan_reachable);
	assert_int_equal(ya->n_plan, 1);
	assert_int_equal(ya->plan[0].code, 9);       /* most room: 20% x 40 points */
	assert_near(ya->plan[0].to, 70.0, 1e-9);     /* +10 points x 20% = +2.00 */
	assert_near(ya->plan[0].overall_gain, 2.0, 1e-9);
	assert_near(itakit_round(ya->plan_overall, 2), 85.0, 1e-9);
	assert_near(ya->single_to_100[8], 8.0, 1e-9);
	assert_near(ya->single_to_threshold[9], 3.0, 1e-9);
	release(&ua, &u);
}

static void test_single_gains_from_shown_distances(void **state)
{
	(void)state;
	/* EIT indicators weigh 10% of the overall. 78.65 is 6.35 below 85:
	 * 0.635 by hand, 0.64 as published; 83.15 is 1.85 below, 0.185 ->
	 * 0.19; 100 - 83.15 = 16.85 -> 1.685 -> 1.69. In binary the distances
	 * fall a hair short and the products would round down. */
	double ind[10] = {90, 90, 90, 90, 90, 78.65, 83.15, 90, 90, 90};
	itakit_unit u;
	itakit_unit_analysis ua;
	const itakit_year_analysis *ya = analyse_2566(&ua, &u, "shares", ind);
	assert_true(ya->has_plan);
	assert_near(ya->single_to_threshold[5], 0.64, 1e-9);
	assert_near(ya->single_to_threshold[6], 0.19, 1e-9);
	assert_near(ya->single_to_100[6], 1.69, 1e-9);
	assert_near(ya->single_to_100[5], 2.14, 1e-9);
	assert_near(ya->single_to_threshold[0], 0.0, 1e-9); /* not flagged */
	release(&ua, &u);
}

static void test_plan_unreachable(void **state)
{
	(void)state;
	double ind[10] = {99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
	year_spec ys[] = {{2566, ind, NAN}};
	itakit_unit u;
	make_unit(&u, "capped", ys, 1);
	itakit_unit_analysis ua;
	itakit_analysis_options o = ITAKIT_ANALYSIS_OPTIONS_INIT;
	o.target = 100.5; /* above what any unit can score */
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, &o, NULL), 0);
	assert_true(ua.years[0].needs_plan);
	assert_false(ua.years[0].plan_reachable);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	itakit_narrative n;
	itakit_narrative_options no = ITAKIT_NARRATIVE_OPTIONS_INIT;
	no.target = 100.5;
	itakit_narrative_init(&n, &fw, &ua, &ua.years[0], &no);
	itakit_narrative_priorities(&b, &n);
	assert_non_null(strstr(b.data, "แม้ทุกตัวชี้วัดจะได้ ๑๐๐ คะแนน"));
	itakit_strbuf_release(&b);
	release(&ua, &u);
}

static void test_cohort(void **state)
{
	(void)state;
	double pass[10] = {90, 90, 90, 90, 90, 90, 90, 90, 90, 90};
	double fail[10] = {80, 80, 80, 80, 80, 84, 80, 80, 90, 90};
	year_spec a[] = {{2566, pass, NAN}}, b[] = {{2566, fail, NAN}}, c[] = {{2566, NULL, 90.0}},
		  d[] = {{2565, NULL, 70.0}};
	itakit_unit units[4];
	make_unit(&units[0], "ก", a, 1);
	make_unit(&units[1], "ข", b, 1);
	make_unit(&units[2], "ค", c, 1);
	make_unit(&units[3], "ง", d, 1);
	itakit_unit_analysis ua[4];
	for (int i = 0; i < 4; i++)
		assert_int_equal(itakit_analysis_run_unit(&ua[i], &units[i], &fw, NULL, NULL), 0);
	itakit_cohort co;
	assert_int_equal(itakit_cohort_build(&co, ua, 4, 2566, NULL, &fw), 0);
	assert_int_equal(co.n_units, 3);
	assert_int_equal(co.n_pass, 2);
	assert_near(co.share_pass, 200.0 / 3.0, 1e-9);
	/* two at 90.00 share rank 1, ties by name */
	assert_int_equal(co.ranking[0].rank, 1);
	assert_int_equal(co.ranking[1].rank, 1);
	assert_int_equal(co.ranking[2].rank, 3);
	assert_string_equal(co.ranking[0].ua->unit->name, "ก");
	assert_near(co.ranking[0].percentile, 50.0, 1e-9);
	assert_near(co.ranking[2].percentile, 0.0, 1e-9);
	/* indicator 6: 90 and 84 -> mean 87, one below */
	assert_int_equal(co.indicator[5].summary.n, 2);
	assert_near(co.indicator[5].summary.mean, 87.0, 1e-9);
	assert_near(co.indicator[5].summary.median, 87.0, 1e-9);
	assert_int_equal(co.indicator[5].n_below, 1);
	/* unit ข: overall 0.3*80 + 0.3*81.33 + 0.4*90 = 84.40; indicator 6 to 85
	 * adds 0.10 (84.50, still failing); indicator 2 to 85 adds 0.30 (84.70) */
	assert_near(itakit_round(ua[1].years[0].overall.value, 2), 84.40, 1e-9);
	assert_int_equal(co.indicator[5].n_pass_if_raised, 0);
	assert_int_equal(co.indicator[1].n_pass_if_raised, 0);
	itakit_cohort_release(&co);
	for (int i = 0; i < 4; i++) {
		itakit_unit_analysis_release(&ua[i]);
		free(units[i].years);
	}
}

static void test_narrative_bangkok(void **state)
{
	(void)state;
	year_spec ys[] = {{2562, NULL, 88.50}, {2563, NULL, 91.48}, {2565, NULL, 90.01}, {2566, bkk2566, 88.98}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "กรุงเทพมหานคร", ys, 4, NULL, NULL);
	itakit_narrative n;
	itakit_narrative_init(&n, &fw, &ua, &ua.years[3], NULL);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	itakit_narrative_overall(&b, &n);
	assert_non_null(strstr(b.data, "๘๘.๙๘ คะแนน อยู่ในระดับ “ผ่าน” (เกณฑ์ผ่าน ๘๕ คะแนน)"));
	assert_null(strstr(b.data, "ผ่านเกณฑ์")); /* the level already says it passed */
	itakit_strbuf_release(&b);
	itakit_narrative_change(&b, &n);
	assert_non_null(strstr(b.data, "ลดลง ๑.๐๓ คะแนน"));
	assert_non_null(strstr(b.data, "๒๕๖๕"));
	itakit_strbuf_release(&b);
	itakit_narrative_flagged(&b, &n);
	/* all six, highest first, "และ" before the last */
	const char *order[] = {"ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน (๘๒.๘๘ คะแนน)",
			       "ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร (๘๑.๒๒ คะแนน)",
			       "ตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน (๗๘.๓๗ คะแนน)",
			       "ตัวชี้วัดที่ ๕ การแก้ไขปัญหาการทุจริต (๗๘.๓๑ คะแนน)",
			       "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ (๗๗.๙๕ คะแนน)",
			       "และตัวชี้วัดที่ ๒ การใช้งบประมาณ (๗๗.๘๓ คะแนน)"};
	assert_non_null(strstr(b.data, "จำนวน ๖ ตัวชี้วัด"));
	const char *at = b.data;
	for (int i = 0; i < 6; i++) {
		const char *p = strstr(at, order[i]);
		assert_non_null(p);
		at = p + 1;
	}
	itakit_strbuf_release(&b);
	/* R² = 0.00 over four years: no direction and no forecast (the fit
	 * would give 89.59 for 2567) */
	itakit_narrative_trend(&b, &n);
	assert_string_equal(b.data, "ช่วงปีงบประมาณ พ.ศ. ๒๕๖๒–๒๕๖๖ (๔ ปีที่มีข้อมูล) คะแนนภาพรวมยังไม่แสดงทิศทางที่ชัดเจน "
				    "(R² = ๐.๐๐) จึงไม่คาดการณ์คะแนนของปีต่อไป");
	itakit_strbuf_release(&b);
	release(&ua, &u);
}

/* Sets the reported tool scores of the unit's year k. */
static void set_tools(itakit_unit *u, size_t k, double iit, double eit, double oit)
{
	u->years[k].tool[0] = iit;
	u->years[k].tool[1] = eit;
	u->years[k].tool[2] = oit;
}

/* From 2566 the two best levels need every tool: an overall alone proves
 * ผ่าน at best, and the result says the level rests on the overall only. */
static void test_levels_overall_only_2566(void **state)
{
	(void)state;
	year_spec ys[] = {{2566, NULL, 96.00}, {2567, NULL, 80.00}, {2568, NULL, 69.99}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "overall only", ys, 3, NULL, NULL);
	assert_string_equal(itakit_level_name(&ua.years[0], 0), "ผ่าน");
	assert_int_equal(ua.years[0].level_basis, ITAKIT_LEVEL_BASIS_OVERALL_ONLY);
	assert_true(ua.years[0].level_capped);
	assert_string_equal(itakit_level_name(&ua.years[1], 0), "ต้องปรับปรุง");
	assert_false(ua.years[1].level_capped); /* no better level was within reach */
	assert_string_equal(itakit_level_name(&ua.years[2], 0), "ต้องปรับปรุงโดยด่วน");
	itakit_narrative n;
	itakit_narrative_init(&n, &fw, &ua, &ua.years[0], NULL);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	itakit_narrative_overall(&b, &n);
	assert_non_null(strstr(b.data, "อยู่ในระดับ “ผ่าน”"));
	assert_non_null(strstr(b.data, "ต้องดูคะแนนรายเครื่องมือ"));
	itakit_strbuf_release(&b);
	itakit_narrative_init(&n, &fw, &ua, &ua.years[1], NULL);
	itakit_narrative_overall(&b, &n);
	assert_non_null(strstr(b.data, "อยู่ในระดับ “ต้องปรับปรุง” ยังไม่ถึงเกณฑ์ผ่าน ๘๕ คะแนน โดยขาดอีก ๕.๐๐ คะแนน"));
	itakit_strbuf_release(&b);
	itakit_strbuf json = ITAKIT_STRBUF_INIT;
	assert_int_equal(itakit_export_json(&json, &fw, &ua, 1, NULL, NULL), 0);
	assert_non_null(strstr(json.data, "\"level\": \"ผ่าน\", \"level_basis\": \"overall only\""));
	itakit_strbuf_release(&json);
	release(&ua, &u);
	/* with the three tool scores given, the best level can be proved */
	year_spec ys2[] = {{2566, NULL, 96.00}};
	make_unit(&u, "with tools", ys2, 1);
	set_tools(&u, 0, 95.5, 95.0, 97.0); /* 28.65 + 28.5 + 38.8 = 95.95 */
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, NULL, NULL), 0);
	assert_string_equal(itakit_level_name(&ua.years[0], 0), "ผ่านดีเยี่ยม");
	assert_int_equal(ua.years[0].level_basis, ITAKIT_LEVEL_BASIS_OVERALL_TOOLS);
	release(&ua, &u);
}

/* A typed overall of 81.22 where the tool rows give 81.12 is no longer
 * silent: the given figure is kept and the warning calls it a probable
 * typing error (0.10 > 0.05). */
static void test_tool_rows_checked_against_overall(void **state)
{
	(void)state;
	year_spec ys[] = {{2565, NULL, 81.22}};
	itakit_unit u;
	make_unit(&u, "tools", ys, 1);
	set_tools(&u, 0, 80.4, 70.0, 90.0); /* 24.12 + 21 + 36 = 81.12 */
	u.years[0].overall_file = "tools.csv";
	u.years[0].overall_line = 5;
	itakit_unit_analysis ua;
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, NULL, &diags), 0);
	assert_int_equal(ua.years[0].overall_check_source, ITAKIT_SRC_FROM_TOOLS);
	assert_near(ua.years[0].overall.rounded, 81.22, 1e-9);
	assert_int_equal(diags.warnings, 1);
	assert_true(diags_contain(&diags, "tools.csv:5"));
	assert_true(diags_contain(&diags, "81.22"));
	assert_true(diags_contain(&diags, "81.12"));
	assert_true(diags_contain(&diags, "IIT, EIT and OIT"));
	assert_true(diags_contain(&diags, "probably a typing error"));
	itakit_diag_list_release(&diags);
	release(&ua, &u);
}

/* The previous year has tool scores only: the change is explained by tool.
 * 2565: IIT 80, EIT 80, OIT 100 (88.00); 2566: Bangkok's indicators (IIT
 * 82.44, EIT 80.82, OIT 100; 88.98). Change +0.98 = 0.3 x 2.44 (0.732) +
 * 0.3 x 0.82 (0.246) + 0.4 x 0: 0.73 + 0.25 + 0.00 = 0.98. */
static void test_tool_only_previous_year(void **state)
{
	(void)state;
	year_spec ys[] = {{2565, NULL, NAN}, {2566, bkk2566, 88.98}};
	itakit_unit u;
	make_unit(&u, "tools then indicators", ys, 2);
	set_tools(&u, 0, 80, 80, 100);
	itakit_unit_analysis ua;
	assert_int_equal(itakit_analysis_run_unit(&ua, &u, &fw, NULL, NULL), 0);
	const itakit_year_analysis *ya = &ua.years[1];
	assert_int_equal(ua.years[0].overall_source, ITAKIT_SRC_FROM_TOOLS);
	assert_near(ya->overall.delta, 0.98, 1e-9);
	assert_false(ya->has_contributions);
	assert_true(ya->has_tool_contributions);
	assert_near(ya->tool_contribution[0], 0.73, 1e-9);
	assert_near(ya->tool_contribution[1], 0.25, 1e-9);
	assert_near(ya->tool_contribution[2], 0.00, 1e-9);
	assert_near(ya->tool_contribution[0] + ya->tool_contribution[1] + ya->tool_contribution[2],
		    ya->overall.delta, 1e-9);
	itakit_narrative n;
	itakit_narrative_options no = ITAKIT_NARRATIVE_OPTIONS_INIT;
	no.digits = ITAKIT_DIGITS_ARABIC;
	itakit_narrative_init(&n, &fw, &ua, ya, &no);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	itakit_narrative_drivers(&b, &n);
	assert_null(strstr(b.data, "มีเพียงคะแนนภาพรวม"));
	assert_non_null(strstr(b.data, "ซึ่งมีเพียงคะแนนรายเครื่องมือ"));
	assert_non_null(strstr(b.data, "IIT +0.73 คะแนน EIT +0.25 คะแนน และ OIT 0.00 คะแนน"));
	itakit_strbuf_release(&b);
	release(&ua, &u);
}

/* A symmetric series: the slope is zero up to rounding. It is flat and is
 * never forecast to reach anything. */
static void test_flat_series_reaches_nothing(void **state)
{
	(void)state;
	year_spec ys[] = {{2562, NULL, 60.26}, {2563, NULL, 71.33}, {2564, NULL, 77.14},
			  {2565, NULL, 71.33}, {2566, NULL, 60.26}};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "U", ys, 5, NULL, NULL);
	assert_true(ua.trend_overall.fit.ok);
	assert_true(ua.trend_overall.flat);
	assert_int_equal(ua.trend_overall.reach_year, 0);
	itakit_narrative n;
	itakit_narrative_options no = ITAKIT_NARRATIVE_OPTIONS_INIT;
	no.lang = ITAKIT_LANG_EN;
	no.digits = ITAKIT_DIGITS_ARABIC;
	itakit_narrative_init(&n, &fw, &ua, &ua.years[4], &no);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	itakit_narrative_trend(&b, &n);
	assert_non_null(strstr(b.data, "shows no clear direction (R² = 0.00), so no forecast is made."));
	assert_null(strstr(b.data, "would"));
	itakit_strbuf_release(&b);
	release(&ua, &u);
}

/* A hundred years of overall scores, 40 + 0.2 a year from 2401: every year
 * is fitted (not the oldest 64), and 85 is reached when 0.2 (y - 2401) >= 45,
 * in 2626. */
static void test_long_series_fitted_whole(void **state)
{
	(void)state;
	year_spec ys[100];
	for (int k = 0; k < 100; k++)
		ys[k] = (year_spec){2401 + k, NULL, 40 + 0.2 * k};
	itakit_unit u;
	itakit_unit_analysis ua;
	analyse(&ua, &u, "long", ys, 100, NULL, NULL);
	const itakit_linear_fit *f = &ua.trend_overall.fit;
	assert_true(f->ok);
	assert_int_equal(f->n, 100);
	assert_near(f->slope, 0.2, 1e-9);
	assert_near(f->x_next, 2501, 0);
	assert_near(f->forecast, 60.0, 1e-6);
	assert_int_equal(ua.trend_overall.reach_year, 2626);
	release(&ua, &u);
}

/* As of 2564, later years take no part: three years fitted, the forecast is
 * for 2565, and the plan and changes are those of 2564. */
static void test_until_year_ignores_later_years(void **state)
{
	(void)state;
	year_spec ys[] = {{2562, NULL, 70}, {2563, NULL, 72.5}, {2564, NULL, 73}, {2565, NULL, 76.2}, {2566, NULL, 78}};
	itakit_unit u;
	itakit_unit_analysis ua;
	itakit_analysis_options o = ITAKIT_ANALYSIS_OPTIONS_INIT;
	o.until_year = 2564;
	analyse(&ua, &u, "past", ys, 5, &o, NULL);
	assert_int_equal(ua.n_years, 3);
	assert_null(itakit_unit_analysis_year(&ua, 2565));
	const itakit_linear_fit *f = &ua.trend_overall.fit;
	assert_int_equal(f->n, 3);
	assert_near(f->x_next, 2565, 0);
	/* least squares over (2562, 70), (2563, 72.5), (2564, 73): slope 1.5,
	 * mean 71.8333 at 2563, so 71.8333 + 2 x 1.5 = 74.8333 in 2565 */
	assert_near(f->slope, 1.5, 1e-9);
	assert_near(f->forecast, 74.83333333333333, 1e-6);
	itakit_strbuf b = ITAKIT_STRBUF_INIT;
	assert_int_equal(itakit_export_json(&b, &fw, &ua, 1, NULL, NULL), 0);
	assert_non_null(strstr(b.data, "\"next_year\": 2565"));
	assert_null(strstr(b.data, "\"year\": 2566"));
	itakit_strbuf_release(&b);
	release(&ua, &u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bangkok_2566),
		cmocka_unit_test(test_overall_trend_matches_independent_fit),
		cmocka_unit_test(test_trend_rising_reaches_threshold),
		cmocka_unit_test(test_trend_needs_three_years),
		cmocka_unit_test(test_threshold_boundary),
		cmocka_unit_test(test_custom_threshold_and_levels_2567),
		cmocka_unit_test(test_province_published_overall),
		cmocka_unit_test(test_delta_from_rounded_values),
		cmocka_unit_test(test_reported_overall_mismatch_warns),
		cmocka_unit_test(test_contributions_hand_worked),
		cmocka_unit_test(test_contributions_add_up),
		cmocka_unit_test(test_bangkok_contributions_add_up),
		cmocka_unit_test(test_plan_against_brute_force),
		cmocka_unit_test(test_plan_oit_only_weakness),
		cmocka_unit_test(test_single_gains_from_shown_distances),
		cmocka_unit_test(test_plan_unreachable),
		cmocka_unit_test(test_cohort),
		cmocka_unit_test(test_narrative_bangkok),
		cmocka_unit_test(test_levels_overall_only_2566),
		cmocka_unit_test(test_tool_rows_checked_against_overall),
		cmocka_unit_test(test_tool_only_previous_year),
		cmocka_unit_test(test_flat_series_reaches_nothing),
		cmocka_unit_test(test_trend_too_few_points_forecasts_nothing),
		cmocka_unit_test(test_list_and),
		cmocka_unit_test(test_long_series_fitted_whole),
		cmocka_unit_test(test_until_year_ignores_later_years),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
