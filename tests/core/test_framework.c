/* framework.c: the file format, its checks, and the lookups. */
#include "test_support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

extern const unsigned char itakit__embedded_framework[];
extern const unsigned long itakit__embedded_framework_len;

static const double BANGKOK_2566[10] = {92.27, 77.83, 85.85, 77.95, 78.31,
					82.88, 81.22, 78.37, 100.00, 100.00};

static void test_builtin_framework(void **state)
{
	(void)state;
	itakit_framework fw;
	load_framework(&fw);
	assert_true(fw.pass_line == 85);
	assert_true(fw.threshold == 85);
	assert_true(fw.target < 0); /* the plan aims at the flag line unless told */
	assert_int_equal(fw.n_eras, 1);
	const itakit_framework_era *era = &fw.eras[0];
	assert_int_equal(era->year_from, 2562); /* first IIT/EIT/OIT year */
	assert_int_equal(era->year_to, 2568);
	assert_int_equal(era->n_tools, 3);
	assert_string_equal(era->tools[0].code, "IIT");
	assert_int_equal(era->n_indicators, 10);
	assert_string_equal(era->indicators[2].name_th, "การใช้อำนาจ");
	assert_int_equal(era->indicators[5].tool, 1);
	assert_int_equal(era->n_aliases, 2);
	assert_int_equal(fw.n_schemes, 2);
	assert_int_equal(fw.schemes[0].n_levels, 7);
	assert_string_equal(fw.schemes[1].levels[0].name_th, "ผ่านดีเยี่ยม");
	assert_true(fw.schemes[1].levels[0].min_each_tool == 95);
	assert_true(fw.schemes[1].levels[2].min_each_tool < 0);
	itakit_framework_release(&fw);
}

/* The compiled-in copy is the same file. */
static void test_embedded_copy_parses(void **state)
{
	(void)state;
	itakit_framework fw;
	itakit_diag_list diags;
	itakit_framework_init(&fw);
	itakit_diag_list_init(&diags);
	assert_int_equal(itakit_framework_parse(&fw, (const char *)itakit__embedded_framework,
						itakit__embedded_framework_len, NULL, &diags), 0);
	assert_string_equal(fw.source, "(built-in)");
	assert_int_equal(fw.eras[0].n_indicators, 10);
	assert_int_equal(diags.count, 0);
	itakit_framework_release(&fw);
	itakit_diag_list_release(&diags);
}

static void test_bangkok_weights(void **state)
{
	(void)state;
	itakit_framework fw;
	load_framework(&fw);
	const itakit_framework_era *era = itakit_framework_era_for(&fw, 2566);
	assert_non_null(era);
	const double want[10] = {6, 6, 6, 6, 6, 10, 10, 10, 20, 20};
	double sum = 0, overall = 0;
	for (int code = 1; code <= 10; code++) {
		double w = itakit_framework_indicator_weight(era, code);
		assert_near(w, want[code - 1], 1e-12);
		sum += w;
		overall += w * BANGKOK_2566[code - 1] / 100;
	}
	assert_near(sum, 100, 1e-9);
	/* published: Bangkok 2566 overall 88.98 */
	assert_true(itakit_round(overall, 2) == 88.98);
	assert_true(itakit_framework_indicator_weight(era, 0) == 0);
	assert_true(itakit_framework_indicator_weight(era, 11) == 0);
	itakit_framework_release(&fw);
}

static void test_find_indicator(void **state)
{
	(void)state;
	itakit_framework fw;
	load_framework(&fw);
	const itakit_framework_era *era = &fw.eras[0];
	const struct {
		const char *text;
		int code;
	} cases[] = {
		{"6", 6}, {"๖", 6}, {" 10 ", 10}, {"6.", 6}, {"ตัวชี้วัดที่ 6", 6}, {"ตัวชี้วัดที่๖", 6},
		{"indicator 6", 6}, {"Indicator 6", 6}, {"คุณภาพการดำเนินงาน", 6},
		{"quality of operations", 6}, {"Quality Of Operations", 6},
		{"การใช้อ\xE0\xB9\x8D\xE0\xB8\xB2นาจ", 3},      /* nikhahit + sara aa, from a PDF */
		{"การใช้ ทรัพย์สิน ของ ราชการ", 4},            /* stray spaces */
		{"การใช้ทรัพย์สินของทางราชการ", 4},            /* alias */
		{"การปรับปรุงระบบการทำงาน", 8},                /* alias */
		{"11", 0}, {"0", 0}, {"", 0}, {"xyz", 0}, {"IIT", 0}, {"100", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int got = itakit_framework_find_indicator(era, cases[i].text);
		if (got != cases[i].code)
			fail_msg("'%s': got %d, want %d", cases[i].text, got, cases[i].code);
	}
	assert_int_equal(itakit_framework_find_indicator(NULL, "6"), 0);
	itakit_framework_release(&fw);
}

static void test_find_tool_and_overall(void **state)
{
	(void)state;
	itakit_framework fw;
	load_framework(&fw);
	const itakit_framework_era *era = &fw.eras[0];
	assert_int_equal(itakit_framework_find_tool(era, "IIT"), 0);
	assert_int_equal(itakit_framework_find_tool(era, "eit"), 1);
	assert_int_equal(itakit_framework_find_tool(era, " Oit "), 2);
	assert_int_equal(itakit_framework_find_tool(era, "แบบตรวจการเปิดเผยข้อมูลสาธารณะ"), 2);
	assert_int_equal(itakit_framework_find_tool(era, "Internal Stakeholders' Survey"), 0);
	assert_int_equal(itakit_framework_find_tool(era, "XIT"), -1);
	assert_int_equal(itakit_framework_find_tool(era, "1"), -1);
	const char *yes[] = {"overall", "Overall", "ภาพรวม", "total", "คะแนนรวม", "คะแนน ภาพรวม"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		assert_true(itakit_framework_is_overall(yes[i]));
	assert_false(itakit_framework_is_overall("score"));
	assert_false(itakit_framework_is_overall("IIT"));
	assert_false(itakit_framework_is_overall(NULL));
	itakit_framework_release(&fw);
}

static void test_eras_and_schemes(void **state)
{
	(void)state;
	itakit_framework fw;
	load_framework(&fw);
	assert_non_null(itakit_framework_era_for(&fw, 2563));
	assert_non_null(itakit_framework_era_for(&fw, 2568));
	assert_non_null(itakit_framework_era_for(&fw, 2562));
	assert_null(itakit_framework_era_for(&fw, 2561)); /* the older five-index scheme */
	assert_null(itakit_framework_era_for(&fw, 2569));
	assert_ptr_equal(itakit_framework_era_nearest(&fw, 2561), &fw.eras[0]);
	assert_ptr_equal(itakit_framework_era_nearest(&fw, 2600), &fw.eras[0]);
	/* letters AA-F for 2562-2565, the pass family from 2566 */
	assert_null(itakit_framework_scheme_for(&fw, 2561));
	assert_string_equal(itakit_framework_scheme_for(&fw, 2562)->levels[0].name_th, "AA");
	assert_string_equal(itakit_framework_scheme_for(&fw, 2565)->levels[1].name_th, "A");
	assert_string_equal(itakit_framework_scheme_for(&fw, 2566)->levels[2].name_th, "ผ่าน");
	assert_string_equal(itakit_framework_scheme_for(&fw, 2567)->levels[1].name_th, "ผ่านดี");
	itakit_framework_release(&fw);
}

/* Parses text as "fw.ini"; returns the rc and leaves the diagnostics. */
static int parse_text(itakit_framework *fw, itakit_diag_list *diags, const char *text)
{
	itakit_framework_init(fw);
	itakit_diag_list_init(diags);
	return itakit_framework_parse(fw, text, strlen(text), "fw.ini", diags);
}

#define ERA_HEAD "[era 2563-2568]\n"
#define TOOLS "tool = IIT | 30 | ภายใน | internal\ntool = EIT | 30 | ภายนอก | external\n" \
	      "tool = OIT | 40 | เปิดเผย | open data\n"
#define INDS "indicator = 1 | IIT | ก | a\nindicator = 2 | EIT | ข | b\nindicator = 3 | OIT | ค | c\n"

static void expect_error(const char *text, const char *needle)
{
	itakit_framework fw;
	itakit_diag_list diags;
	int rc = parse_text(&fw, &diags, text);
	if (rc != ITAKIT_EINPUT || !diags_contain(&diags, needle)) {
		char buf[1024] = "(none)";
		if (diags.count)
			itakit_diag_format(buf, sizeof buf, &diags.items[0]);
		fail_msg("want '%s' (rc %d); first diagnostic: %s", needle, rc, buf);
	}
	assert_int_equal(fw.n_eras, 0); /* released on failure */
	itakit_framework_release(&fw);
	itakit_diag_list_release(&diags);
}

static void test_minimal_framework(void **state)
{
	(void)state;
	itakit_framework fw;
	itakit_diag_list diags;
	/* BOM and CRLF are fine */
	assert_int_equal(parse_text(&fw, &diags, "\xEF\xBB\xBF[defaults]\r\nthreshold = ๘๐\r\n" ERA_HEAD TOOLS INDS
				    "alias = 2 | บี\r\n[levels 2400-2700]\nlevel = ผ่าน | pass | 80 | -\n"
				    "level = ไม่ผ่าน | fail | 0 | -\n"), 0);
	assert_true(fw.threshold == 80);
	assert_int_equal(fw.eras[0].n_indicators, 3);
	assert_int_equal(itakit_framework_find_indicator(&fw.eras[0], "บี"), 2);
	assert_near(itakit_framework_indicator_weight(&fw.eras[0], 3), 40, 1e-12);
	assert_string_equal(fw.source, "fw.ini");
	itakit_framework_release(&fw);
	itakit_diag_list_release(&diags);
}

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error(ERA_HEAD "tool = IIT | 30 | a | b\ntool = EIT | 30 | c | d\ntool = OIT | 30 | e | f\n"
		     "indicator = 1 | IIT | ก | a\nindicator = 2 | EIT | ข | b\nindicator = 3 | OIT | ค | c\n",
		     "fw.ini:1:1: error: tool weights of era 2563-2568 sum to 90; they must sum to 100");
	expect_error(ERA_HEAD TOOLS "indicator = 1 | IIT | ก | a\nindicator = 3 | EIT | ข | b\n",
		     "fw.ini:6:13: error: indicator code '3' out of sequence: expected 2");
	expect_error(ERA_HEAD TOOLS "indicator = 1 | XIT | ก | a\n",
		     "fw.ini:5:17: error: unknown tool 'XIT'; tools of this era: IIT, EIT, OIT");
	expect_error(ERA_HEAD TOOLS INDS "alias = 7 | อื่น\n",
		     "fw.ini:8:9: error: alias for unknown indicator '7'");
	expect_error(ERA_HEAD TOOLS INDS "[levels 2400-2700]\nlevel = B | B | 75 | -\nlevel = A | A | 85 | -\n",
		     "fw.ini:10:17: error: level A must come before B");
	expect_error(ERA_HEAD TOOLS INDS "[era 2566-2570]\n" TOOLS INDS,
		     "fw.ini:8:1: error: era 2566-2570 overlaps era 2563-2568 (line 1)");
	expect_error(ERA_HEAD TOOLS INDS "[levels 2400-2566]\nlevel = A | A | 0 | -\n"
		     "[levels 2560-2700]\nlevel = A | A | 0 | -\n",
		     "fw.ini:10:1: error: level scheme 2560-2700 overlaps level scheme 2400-2566 (line 8)");
	expect_error("[era 2568-2563]\n", "fw.ini:1:6: error: range 2568-2563 ends before it starts");
	expect_error("[era 2020-2025]\n", "fw.ini:1:6: error: years 2020-2025 are outside 2400-2700");
	expect_error("[eras 2563-2568]\n", "fw.ini:1:2: error: unknown section [eras]");
	expect_error("threshold = 85\n", "fw.ini:1:1: error: 'threshold' outside any section");
	expect_error("[defaults]\nthreshold = high\n", "fw.ini:2:13: error: threshold 'high' is not a number");
	expect_error(ERA_HEAD "tool = IIT | 30 | a\n", "fw.ini:2:1: error: tool has 3 fields separated by '|', expected 4");
	expect_error(ERA_HEAD "tool = IIT | 100 | a | b\n", "fw.ini:1:1: error: tool IIT has no indicators");
	expect_error("# nothing\n", "fw.ini: error: no [era FROM-TO] section");
	expect_error("[defaults]\nthreshold = 8\xFF\n", "fw.ini:2:14: error: invalid UTF-8 (byte 0xFF at byte offset 24)");
	expect_error(ERA_HEAD "just words\n", "fw.ini:2:1: error: expected 'key = value'");
}

/* Every problem is reported, not only the first. */
static void test_all_errors_reported(void **state)
{
	(void)state;
	itakit_framework fw;
	itakit_diag_list diags;
	assert_int_equal(parse_text(&fw, &diags, ERA_HEAD TOOLS "indicator = 1 | XIT | ก | a\n"
				    "indicator = 1 | IIT | ก | a\nwhat = 1\n[levels 2400-2700]\n"
				    "level = A | A | abc | -\n"), ITAKIT_EINPUT);
	assert_true(diags_contain(&diags, "fw.ini:5:17:"));
	assert_true(diags_contain(&diags, "fw.ini:7:1: error: unknown key 'what'"));
	assert_true(diags_contain(&diags, "fw.ini:9:17: error: min overall 'abc'"));
	assert_true(diags_contain(&diags, "tool EIT has no indicators"));
	assert_true(diags.errors >= 4);
	itakit_framework_release(&fw);
	itakit_diag_list_release(&diags);
}

static void test_load_missing_file(void **state)
{
	(void)state;
	itakit_framework fw;
	itakit_diag_list diags;
	itakit_framework_init(&fw);
	itakit_diag_list_init(&diags);
	assert_int_equal(itakit_framework_load(&fw, "/nonexistent/framework.ini", &diags), ITAKIT_ENOTFOUND);
	assert_non_null(strstr(itakit_error_last(), "/nonexistent/framework.ini"));
	itakit_framework_release(&fw);
	itakit_diag_list_release(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_framework),
		cmocka_unit_test(test_embedded_copy_parses),
		cmocka_unit_test(test_bangkok_weights),
		cmocka_unit_test(test_find_indicator),
		cmocka_unit_test(test_find_tool_and_overall),
		cmocka_unit_test(test_eras_and_schemes),
		cmocka_unit_test(test_minimal_framework),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_all_errors_reported),
		cmocka_unit_test(test_load_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
