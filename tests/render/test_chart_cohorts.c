/* Charts at the sizes real cohorts have (1, 2, 50, 120, 1,000 and 8,323
 * units), figures drawn in parts on one scale, and text cut only where a
 * reader would cut it. The units are made up here (SYNTHETIC scores). */
#include "test_support.h"
#include "chart_fixtures.h"
#include "render/chart_internal.h"

#include <stdint.h>
#include <sys/stat.h>

/* --- text cut at grapheme boundaries --- */

/* Thai marks that never start a grapheme cluster: mai han-akat, sara am,
 * the upper and lower vowels, and the tone and other marks above. */
static bool thai_mark(uint32_t cp)
{
	return cp == 0x0E31 || (cp >= 0x0E33 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
}

static void check_cut(const char *full, size_t size)
{
	char buf[256];
	assert_true(size <= sizeof buf);
	chart_fmt(buf, size, "%s", full);
	size_t n = strlen(buf);
	assert_true(n < size);
	assert_true(itakit_utf8_valid(buf, n, NULL));
	if (strcmp(buf, full) == 0)
		return;
	/* cut: what is kept is a prefix of the text, followed by the ellipsis */
	static const char ell[] = "\xe2\x80\xa6";
	if (size >= sizeof ell) {
		assert_true(n >= 3);
		assert_string_equal(buf + n - 3, ell);
		n -= 3;
	}
	assert_memory_equal(buf, full, n);
	/* and the character after the cut is not a mark of the one before */
	uint32_t cp;
	assert_true(itakit_utf8_decode(full + n, strlen(full + n), &cp) > 0);
	if (thai_mark(cp))
		fail_msg("cut inside a cluster at byte %zu of \"%s\" (size %zu): \"%s\"", n, full, size, buf);
}

static void test_cut_at_graphemes(void **state)
{
	static const char *const texts[] = {
		"ที่ตั้ง ปี่ ผู้รับผิดชอบ ซื่อสัตย์สุจริต ไม่ต่ำกว่า สม่ำเสมอ",
		"๑๒๐ หน่วยงาน เรียงตามคะแนนภาพรวมจากมากไปน้อย",
		"หน่วยงานตัวอย่าง 00001 ผลสัมฤทธิ์ ฯลฯ ต่าง ๆ วิญญู",
	};
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
		for (size_t size = 1; size <= strlen(texts[t]) + 2; size++)
			check_cut(texts[t], size);
	/* a text that fits is left alone */
	char buf[64];
	assert_string_equal(chart_fmt(buf, sizeof buf, "%s %d", "ผ่าน", 85), "ผ่าน 85");
	/* the known failure: a subtitle with a three-digit Thai count in 128 bytes */
	chart_fmt(buf, sizeof buf, "%s", "ปีงบประมาณ พ.ศ. ๒๕๖๖");
	assert_string_equal(buf, "ปีงบประมาณ พ.ศ. ๒๕๖๖");
	char s[64] = "ที่ตั้งปี่";
	chart_cut(s, 13);
	assert_string_equal(s, "ที่\xe2\x80\xa6");
	chart_cut(s, 12);
	assert_string_equal(s, "\xe2\x80\xa6");
}

/* --- cohorts of every size --- */

static const size_t sizes[] = {1, 2, 50, 120, 1000, 8323};
#define MAX_UNITS 8323
static itakit_unit_analysis *units;
static itakit_unit *unit_names;
static char dir[512];

/* n SYNTHETIC units with long Thai names, 2565 and 2566; deterministic. */
static int setup(void **state)
{
	(void)state;
	fx_framework();
	units = calloc(MAX_UNITS, sizeof *units);
	unit_names = calloc(MAX_UNITS, sizeof *unit_names);
	assert_non_null(units);
	assert_non_null(unit_names);
	unsigned st = 7;
	for (size_t k = 0; k < MAX_UNITS; k++) {
		fx_year ys[2];
		double base = 62 + 36 * fx_rand(&st);
		for (int j = 0; j < 2; j++) {
			ys[j].year = 2565 + j;
			ys[j].overall = NAN;
			for (int i = 0; i < FX_NI; i++) {
				double v = base + (i >= 8 ? 6 : 0) + 16 * (fx_rand(&st) - 0.5) + j * 1.5;
				ys[j].ind[i] = fmin(100, fmax(30, round(v * 100) / 100));
			}
		}
		char num[32], name[256];
		itakit_format_int(num, sizeof num, (long)k + 1, ITAKIT_DIGITS_THAI);
		snprintf(name, sizeof name, "องค์การบริหารส่วนตำบลหนองบัวที่ %s", num);
		fx_unit(&units[k], &unit_names[k], name, ys, 2);
	}
	snprintf(dir, sizeof dir, "%s", temp_dir());
	mkdir(dir, 0777);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t k = 0; k < MAX_UNITS; k++)
		fx_unit_free(&units[k]);
	free(units);
	free(unit_names);
	return 0;
}

static const char *out_path(const char *kind, size_t n, const char *ext)
{
	static char buf[1024];
	snprintf(buf, sizeof buf, "%s/%s_%zu.%s", dir, kind, n, ext);
	return buf;
}

/* Every multi-unit kind at every size: PNG, SVG and PDF up to 1,000 units,
 * PNG at 8,323 (one chart of each kind: the national cohort). */
static void test_multi_kinds_every_size(void **state)
{
	(void)state;
	static const char *const exts[] = {"png", "svg", "pdf"};
	static const itakit_chart_kind kinds[] = {ITAKIT_CHART_HEATMAP, ITAKIT_CHART_RANKING,
						  ITAKIT_CHART_DISTRIBUTION, ITAKIT_CHART_CHANGE};
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		size_t n = sizes[s];
		itakit_cohort co;
		fx_cohort(&co, units, n, 2566);
		itakit_chart_data d = {&fx_fw, NULL, NULL, NULL, units, n, &co};
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			for (size_t e = 0; e < (n > 1000 ? 1 : 3); e++) {
				const char *path = out_path(itakit_chart_kind_name(kinds[k]), n, exts[e]);
				if (itakit_chart_write(path, kinds[k], &d, NULL) != 0)
					fail_msg("%s: %s", path, itakit_error_last());
				struct stat st;
				assert_int_equal(stat(path, &st), 0);
				assert_true(st.st_size > 500);
			}
		itakit_cohort_release(&co);
	}
}

int main(void)
{
	(void)fx_districts_make;  /* the shared fixtures' 50 districts: not needed here */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut_at_graphemes),
		cmocka_unit_test(test_multi_kinds_every_size),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
