/* dataset loading: layouts, encodings, merging, and every bad-input case
 * with the exact FILE:LINE:COLUMN of its diagnostic. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BKK "กรุงเทพมหานคร"
#define LONG_HEADER "unit,year,indicator,score\n"

static const double BANGKOK_2566[10] = {92.27, 77.83, 85.85, 77.95, 78.31,
					82.88, 81.22, 78.37, 100.00, 100.00};




static int load_text(fixture *f, const char *text)
{
	return load_csv_text(&f->ds, &f->fw, text, &f->diags);
}

static int load_fixture(fixture *f, const char *name)
{
	return itakit_dataset_load_file(&f->ds, fixture_path(name), &f->fw, NULL, &f->diags);
}

static void assert_bangkok_2566(const itakit_dataset *ds)
{
	const itakit_unit *u = itakit_dataset_find_unit(ds, BKK);
	assert_non_null(u);
	const itakit_unit_year *y = itakit_unit_find_year(u, 2566);
	assert_non_null(y);
	for (int i = 0; i < 10; i++)
		assert_true(y->indicator[i] == BANGKOK_2566[i]);
	assert_true(isnan(y->indicator[10]));
}

/* ---- good input ---------------------------------------------------------- */

static void test_long_fixture(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_fixture(f, "bangkok_2566_long.csv"), 0);
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(f->ds.n_units, 1);
	assert_int_equal(f->ds.n_rows, 14);
	const itakit_unit *u = &f->ds.units[0];
	assert_string_equal(u->name, BKK);
	assert_int_equal(u->n_years, 4);
	const int years[] = {2562, 2563, 2565, 2566};
	const double overall[] = {88.50, 91.48, 90.01, 88.98};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(u->years[i].year, years[i]);
		assert_true(u->years[i].overall == overall[i]);
		assert_true(isnan(u->years[i].tool[0]));
	}
	assert_null(itakit_unit_find_year(u, 2564)); /* the gap stays a gap */
	assert_bangkok_2566(&f->ds);
	const itakit_unit_year *y = itakit_unit_find_year(u, 2566);
	assert_int_equal(y->overall_line, 15);
	assert_non_null(strstr(y->overall_file, "bangkok_2566_long.csv"));
}

static void assert_same_dataset(const itakit_dataset *a, const itakit_dataset *b)
{
	assert_int_equal(a->n_units, b->n_units);
	for (size_t i = 0; i < a->n_units; i++) {
		const itakit_unit *ua = &a->units[i], *ub = &b->units[i];
		assert_string_equal(ua->name, ub->name);
		assert_int_equal(ua->n_years, ub->n_years);
		for (size_t k = 0; k < ua->n_years; k++) {
			const itakit_unit_year *ya = &ua->years[k], *yb = &ub->years[k];
			assert_int_equal(ya->year, yb->year);
			for (size_t j = 0; j < ITAKIT_MAX_INDICATORS; j++)
				assert_true(ya->indicator[j] == yb->indicator[j] ||
					    (isnan(ya->indicator[j]) && isnan(yb->indicator[j])));
			for (size_t j = 0; j < ITAKIT_MAX_TOOLS; j++)
				assert_true(ya->tool[j] == yb->tool[j] || (isnan(ya->tool[j]) && isnan(yb->tool[j])));
			assert_true(ya->overall == yb->overall || (isnan(ya->overall) && isnan(yb->overall)));
		}
	}
}

static void test_wide_equals_long(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_fixture(f, "bangkok_2566_long.csv"), 0);
	itakit_dataset wide;
	itakit_dataset_init(&wide);
	assert_int_equal(itakit_dataset_load_file(&wide, fixture_path("bangkok_2566_wide.csv"), &f->fw,
						  NULL, &f->diags), 0);
	assert_int_equal(f->diags.count, 0);
	assert_same_dataset(&f->ds, &wide);
	assert_int_equal(wide.units[0].years[3].overall_line, 5);
	itakit_dataset_release(&wide);
}

static void test_wide_with_names_and_tools(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, "ชื่อหน่วยงาน,ปี,การปฏิบัติหน้าที่,use of budget,ตัวชี้วัดที่ 3,IIT,eit,OIT,คะแนนรวม\n"
				      "เขตพระนคร,2566,90,80,,85.5,,,\n"
				      "เขตพระนคร,2561,,,,70,71,72,71.2\n"), 0);
	const itakit_unit *u = itakit_dataset_find_unit(&f->ds, "เขต พระนคร");
	assert_non_null(u);
	const itakit_unit_year *y = itakit_unit_find_year(u, 2566);
	assert_true(y->indicator[0] == 90 && y->indicator[1] == 80 && isnan(y->indicator[2]));
	assert_true(y->tool[0] == 85.5 && isnan(y->tool[1]));
	/* 2561: no era, but tools and overall are fine */
	y = itakit_unit_find_year(u, 2561);
	assert_true(y->tool[2] == 72 && y->overall == 71.2);
}

static void test_windows874_fixture(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_fixture(f, "bangkok_2566_windows874.csv"), 0);
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(f->ds.n_units, 1);
	assert_string_equal(f->ds.units[0].name, BKK);
	const itakit_unit_year *y = itakit_unit_find_year(&f->ds.units[0], 2566);
	assert_true(y->indicator[0] == 92.27);
	assert_true(y->indicator[1] == 77.83); /* by Thai name, converted */
}

static void test_windows874_bytes(void **state)
{
	fixture *f = *state;
	/* กรุงเทพฯ in Windows-874, one byte per character */
	const char *text = LONG_HEADER "\xA1\xC3\xD8\xA7\xE0\xB7\xBE\xCF,2566,1,90\n"
				       "\xA1\xC3\xD8\xA7\xE0\xB7\xBE\xCF,2566,2,8x\n";
	assert_int_equal(load_text(f, text), ITAKIT_EINPUT);
	assert_string_equal(f->ds.units[0].name, "กรุงเทพฯ");
	/* columns count characters, as in the original single-byte file */
	assert_diag(&f->diags, "test.csv:3:17: error: score '8x' is not a number");
}

static void test_bom_crlf(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, "\xEF\xBB\xBFunit,year,indicator,score\r\n" BKK ",2566,1,92.27\r\n"
				      BKK ",2566,2,x\r\n"), ITAKIT_EINPUT);
	assert_int_equal(f->ds.n_units, 1);
	assert_true(f->ds.units[0].years[0].indicator[0] == 92.27);
	assert_diag(&f->diags, "test.csv:3:22: error: score 'x'");
	assert_int_equal(f->diags.count, 1);
}

static void test_old_mac_line_ends(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, "unit,year,indicator,score\rA,2566,1,90\rA,2566,2,x\r"), ITAKIT_EINPUT);
	assert_diag(&f->diags, "test.csv:3:10: error: score 'x'");
}

static void test_thai_digits_and_ce(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, "หน่วยงาน,ปีงบประมาณ,ตัวชี้วัด,คะแนน\n"
				      BKK ",๒๕๖๖,๑,๙๒.๒๗\n"
				      BKK ",2023,ตัวชี้วัดที่ ๒,77.83\n"
				      BKK ",พ.ศ. 2565,ภาพรวม,90.01\n"), 0);
	const itakit_unit *u = &f->ds.units[0];
	assert_int_equal(u->n_years, 2);
	assert_int_equal(u->years[0].year, 2565);
	assert_true(u->years[0].overall == 90.01);
	assert_true(u->years[1].indicator[0] == 92.27 && u->years[1].indicator[1] == 77.83);
}

static void test_names_normalised(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, LONG_HEADER "\"เขต  พระนคร \",2566,การใช้อ\xE0\xB9\x8D\xE0\xB8\xB2นาจ,80\n"
				      "เขตพระนคร,2566,การใช้ ทรัพย์สิน ของทางราชการ,81\n"
				      "เขต\xC2\xA0พระนคร,2566,การปรับปรุงระบบการทำงาน,82\n"), 0);
	assert_int_equal(f->ds.n_units, 1);
	assert_string_equal(f->ds.units[0].name, "เขต พระนคร"); /* first spelling, normalised */
	const itakit_unit_year *y = &f->ds.units[0].years[0];
	assert_true(y->indicator[2] == 80); /* nikhahit + sara aa = indicator 3 */
	assert_true(y->indicator[3] == 81);
	assert_true(y->indicator[7] == 82);
}

static void test_units_in_order_years_ascending(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, LONG_HEADER "B,2566,1,1\nA,2566,1,2\nB,2564,overall,3\nC,2568,1,4\n"
				      "B,2565,overall,5\nA,2563,1,6\n"), 0);
	assert_int_equal(f->ds.n_units, 3);
	assert_string_equal(f->ds.units[0].name, "B");
	assert_string_equal(f->ds.units[1].name, "A");
	assert_string_equal(f->ds.units[2].name, "C");
	const itakit_unit *b = &f->ds.units[0];
	assert_int_equal(b->n_years, 3);
	assert_int_equal(b->years[0].year, 2564);
	assert_int_equal(b->years[1].year, 2565);
	assert_int_equal(b->years[2].year, 2566);
	assert_int_equal(f->ds.units[1].years[0].year, 2563);
	assert_non_null(itakit_unit_find_year(b, 2565));
	assert_null(itakit_unit_find_year(b, 2567));
}

static void test_extra_columns(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, "รหัสหน่วยงาน,หน่วยงาน,กลุ่มเขต,province,ปี,ตัวชี้วัด,คะแนน\n"
				      "5001,เขตพระนคร,กลุ่มรัตนโกสินทร์,กรุงเทพฯ,2566,1,90\n"
				      "5001,เขตพระนคร,อื่น,อื่น,2566,2,91\n"
				      ",เขตดุสิต,,,2566,1,92\n"), 0);
	const itakit_unit *u = itakit_dataset_find_unit(&f->ds, "5001"); /* by code */
	assert_non_null(u);
	assert_string_equal(u->name, "เขตพระนคร");
	assert_string_equal(u->code, "5001");
	assert_string_equal(u->group, "กลุ่มรัตนโกสินทร์"); /* first value seen */
	assert_string_equal(itakit_unit_attr(u, "province"), "กรุงเทพฯ");
	assert_string_equal(itakit_unit_attr(u, "Province"), "กรุงเทพฯ");
	assert_null(itakit_unit_attr(u, "district"));
	const itakit_unit *d = itakit_dataset_find_unit(&f->ds, "เขตดุสิต");
	assert_null(d->code);
	assert_null(d->group);
	assert_null(itakit_unit_attr(d, "province"));
	assert_null(itakit_dataset_find_unit(&f->ds, "เขตบางรัก"));
}

static void test_header_synonyms(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, "Agency,Fiscal_Year,Indicator,Value,unit_code,Ministry\n"
				      "A,2566,6,80,X1,M\n"), 0);
	assert_string_equal(f->ds.units[0].code, "X1");
	assert_string_equal(f->ds.units[0].group, "M");
}

static void test_tool_and_overall_rows(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, LONG_HEADER "A,2561,IIT,80\nA,2561,eit,81\nA,2561,OIT,82\n"
				      "A,2450,overall,50\nA,2566,total,88\nA,2566,ภาพรวม,88\n"), 0);
	const itakit_unit *u = &f->ds.units[0];
	const itakit_unit_year *y = itakit_unit_find_year(u, 2561);
	assert_true(y->tool[0] == 80 && y->tool[1] == 81 && y->tool[2] == 82);
	assert_true(itakit_unit_find_year(u, 2450)->overall == 50);
	assert_int_equal(itakit_unit_find_year(u, 2566)->overall_line, 6); /* the first of the two */
}

static void test_quoted_fields(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, LONG_HEADER "\"สำนักงาน, ฝ่าย \"\"ก\"\"\",2566,1,90\n"
				      "\"สำนักงาน,\nฝ่าย \"\"ก\"\"\",2566,2,91\n"
				      "B,2566,1,x\n"), ITAKIT_EINPUT);
	assert_int_equal(f->ds.n_units, 1);
	assert_string_equal(f->ds.units[0].name, "สำนักงาน, ฝ่าย \"ก\"");
	assert_true(f->ds.units[0].years[0].indicator[1] == 91);
	/* the quoted line break counts: the bad row is on line 5 */
	assert_diag(&f->diags, "test.csv:5:10: error: score 'x'");
}

static void test_blank_rows_skipped(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, LONG_HEADER "\n  \nA,2566,1,90\n,,,\n\nA,2566,2,91,,\n"), 0);
	assert_int_equal(f->ds.n_rows, 2);
	assert_int_equal(f->diags.count, 0);
}

static void test_other_delimiters(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, "unit;year;indicator;score\nA;2566;1;90\n"), 0);
	assert_int_equal(load_text(f, "unit\tyear\tindicator\tscore\nB\t2566\t1\t91\n"), 0);
	assert_int_equal(f->ds.n_units, 2);
	assert_true(f->ds.units[1].years[0].indicator[0] == 91);
}

static void test_merge_two_files(void **state)
{
	fixture *f = *state;
	const char *a = LONG_HEADER BKK ",2566,1,92.27\nเขตพระนคร,2566,1,80\n";
	const char *b = "unit,year,overall\n" BKK ",2565,90.01\nเขตดุสิต,2566,85\n";
	assert_int_equal(itakit_dataset_load_buffer(&f->ds, a, strlen(a), "a.csv", &f->fw, NULL, &f->diags), 0);
	assert_int_equal(itakit_dataset_load_buffer(&f->ds, b, strlen(b), "b.csv", &f->fw, NULL, &f->diags), 0);
	/* the same file again: identical scores are accepted silently */
	assert_int_equal(itakit_dataset_load_buffer(&f->ds, a, strlen(a), "a.csv", &f->fw, NULL, &f->diags), 0);
	assert_int_equal(f->diags.count, 0);
	assert_int_equal(f->ds.n_units, 3);
	assert_int_equal(f->ds.n_files, 3);
	const itakit_unit *u = itakit_dataset_find_unit(&f->ds, BKK);
	assert_int_equal(u->n_years, 2);
	assert_int_equal(u->years[0].year, 2565);
	assert_string_equal(u->years[0].overall_file, "b.csv");
	/* a different score in another file names the first file and line */
	const char *c = LONG_HEADER BKK ",2566,1,92.28\n";
	assert_int_equal(itakit_dataset_load_buffer(&f->ds, c, strlen(c), "c.csv", &f->fw, NULL, &f->diags),
			 ITAKIT_EINPUT);
	assert_diag(&f->diags, "c.csv:2:22: error: a second, different score for indicator 1 of " BKK
		    " in 2566: 92.28 here, 92.27 on line 2 of a.csv");
}

static void test_load_several_paths(void **state)
{
	fixture *f = *state;
	char long_path[4096];
	snprintf(long_path, sizeof long_path, "%s", fixture_path("bangkok_2566_long.csv"));
	const char *paths[] = {long_path, fixture_path("bangkok_2566_wide.csv"), long_path};
	assert_int_equal(itakit_dataset_load(&f->ds, paths, 3, &f->fw, NULL, &f->diags), 0);
	assert_int_equal(f->diags.errors, 0);
	assert_int_equal(f->diags.warnings, 1); /* the third path is the first file again */
	assert_diag(&f->diags, "warning: same file as");
	assert_int_equal(f->ds.n_files, 2);
	assert_bangkok_2566(&f->ds);
	const char *missing[] = {long_path, "/nonexistent.csv"};
	assert_int_equal(itakit_dataset_load(&f->ds, missing, 2, &f->fw, NULL, &f->diags), ITAKIT_ENOTFOUND);
	assert_non_null(strstr(itakit_error_last(), "/nonexistent.csv: cannot open"));
}

/* ---- bad input: every fixture and its exact diagnostic -------------------- */

static void expect_fixture(void **state, const char *name, int line, int col, const char *message)
{
	fixture *f = *state;
	char needle[1024];
	snprintf(needle, sizeof needle, "%s:%d:%d: error: %s", fixture_path(name), line, col, message);
	assert_int_equal(load_fixture(f, name), ITAKIT_EINPUT);
	assert_diag(&f->diags, needle);
	itakit_dataset_release(&f->ds);
	itakit_diag_list_release(&f->diags);
}

static void test_bad_fixtures(void **state)
{
	expect_fixture(state, "bad_score_not_number.csv", 3, 22, "score 'abc' is not a number; expected a number between 0 and 100");
	expect_fixture(state, "bad_score_range.csv", 3, 22, "score 104.5 is outside 0-100");
	expect_fixture(state, "bad_unknown_indicator.csv", 3, 20, "unknown indicator 'การทุจริต'; expected a code 1-10");
	expect_fixture(state, "bad_unknown_column.csv", 1, 11, "unknown column 'indikator'");
	expect_fixture(state, "bad_unknown_column.csv", 1, 1, "no indicator column to go with the score column; name it one of: indicator, ตัวชี้วัด");
	expect_fixture(state, "bad_missing_column.csv", 1, 1, "no year column; name it one of: year, ปี, ปีงบประมาณ");
	expect_fixture(state, "bad_year.csv", 2, 15, "'25x6' is not a fiscal year; expected a year such as 2566 (BE) or 2023 (CE)");
	expect_fixture(state, "bad_year_no_era.csv", 2, 20, "no indicators are defined for 2559: the framework covers 2562-2568; give one that covers 2559 with --framework FILE");
	expect_fixture(state, "bad_duplicate.csv", 4, 22, "a second, different score for indicator 3 of " BKK " in 2566: 86.00 here, 85.85 on line 2");
	expect_fixture(state, "bad_unterminated_quote.csv", 3, 1, "unterminated quoted field");
	expect_fixture(state, "bad_stray_quote.csv", 2, 22, "quote '\"' inside an unquoted field (column 23)");
	expect_fixture(state, "bad_field_count.csv", 2, 28, "5 fields, but the header (line 1) has 4");
	expect_fixture(state, "bad_field_count.csv", 3, 1, "only 3 fields, but the header (line 1) has 4");
	expect_fixture(state, "bad_invalid_utf8.csv", 2, 1, "invalid UTF-8 (byte 0xA1 at byte offset 26); this may be Windows-874 (TIS-620)");
	expect_fixture(state, "bad_empty.csv", 1, 1, "the file is empty");
	expect_fixture(state, "bad_header_only.csv", 1, 1, "no data rows");
	expect_fixture(state, "bad_nul.csv", 3, 8, "NUL byte (byte offset 100)");
	expect_fixture(state, "bad_pdf.csv", 1, 1, "this looks like a PDF document");
	expect_fixture(state, "bad_xlsx.csv", 1, 1, "this looks like an Excel workbook (.xlsx)");
	expect_fixture(state, "bad_binary.csv", 1, 1, "this looks like a binary file");
}

static void test_every_error_reported(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, LONG_HEADER "A,2566,1,x\nA,20x,1,90\nA,2566,99,90\nA,2566,2,90\n"
				      ",2566,3,90\nA,2566,4,-1\nA,2566,5,\n"), ITAKIT_EINPUT);
	assert_int_equal(f->diags.errors, 6);
	assert_diag(&f->diags, "test.csv:2:10: error: score 'x'");
	assert_diag(&f->diags, "test.csv:3:3: error: '20x' is not a fiscal year");
	assert_diag(&f->diags, "test.csv:4:8: error: unknown indicator '99'");
	assert_diag(&f->diags, "test.csv:6:1: error: missing unit name");
	assert_diag(&f->diags, "test.csv:7:10: error: score -1 is outside 0-100");
	assert_diag(&f->diags, "test.csv:8:10: error: missing score");
	/* good rows are kept */
	assert_true(f->ds.units[0].years[0].indicator[1] == 90);
}

static void test_diag_cap(void **state)
{
	fixture *f = *state;
	f->diags.max_items = 2;
	assert_int_equal(load_text(f, LONG_HEADER "A,2566,1,x\nA,2566,2,x\nA,2566,3,x\nA,2566,4,x\n"), ITAKIT_EINPUT);
	assert_int_equal(f->diags.count, 2);
	assert_int_equal(f->diags.errors, 4);
}

static void test_header_problems(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, "unit,year,year,score,indicator\nA,2566,2566,90,1\n"), ITAKIT_EINPUT);
	assert_diag(&f->diags, "test.csv:1:11: error: a second year column ('year'); column 6 is the year already");
	itakit_diag_list_release(&f->diags);
	assert_int_equal(load_text(f, "unit,year,1,ตัวชี้วัดที่ 1\nA,2566,90,90\n"), ITAKIT_EINPUT);
	assert_diag(&f->diags, "test.csv:1:13: error: column 'ตัวชี้วัดที่ 1' gives the same score as column 11 ('1')");
	itakit_diag_list_release(&f->diags);
	assert_int_equal(load_text(f, "hello world\nfoo\n"), ITAKIT_EINPUT);
	assert_diag(&f->diags, "test.csv:1:1: error: unknown column 'hello world'");
	assert_diag(&f->diags, "test.csv:1:1: error: no unit column");
	assert_diag(&f->diags, "test.csv:1:1: error: no score columns; expected either the long layout");
	itakit_diag_list_release(&f->diags);
	/* a broken header stops the file: nothing below can be read */
	assert_int_equal(load_text(f, "unit,\"year\"x,indicator,score\nA,2566,1,x\n"), ITAKIT_EINPUT);
	assert_int_equal(f->diags.errors, 1);
	assert_diag(&f->diags, "test.csv:1:6: error: unexpected 'x' after the closing quote of this field (column 12)");
}

static void test_wide_problems(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, "unit,year,1,2,overall,note\nA,2559,80,,70,x\nA,2566,80,abc,70,y\n"),
			 ITAKIT_EINPUT);
	assert_diag(&f->diags, "test.csv:1:23: warning: column 'note' is not an indicator, tool or overall score");
	assert_diag(&f->diags, "test.csv:2:8: error: no indicators are defined for 2559");
	assert_diag(&f->diags, "test.csv:3:11: error: score 'abc' is not a number");
	assert_int_equal(f->diags.errors, 2);
	/* rows with errors store nothing; the unit holds no year */
	assert_int_equal(f->ds.n_units, 0);
}

static void test_quote_errors_resume(void **state)
{
	fixture *f = *state;
	assert_int_equal(load_text(f, LONG_HEADER "A,2566,1,9\"0\nA,2566,2,\"90\"x\nA,2566,3,90\n"), ITAKIT_EINPUT);
	assert_diag(&f->diags, "test.csv:2:10: error: quote '\"' inside an unquoted field (column 11)");
	assert_diag(&f->diags, "test.csv:3:10: error: unexpected 'x' after the closing quote");
	assert_int_equal(f->diags.errors, 2);
	assert_true(f->ds.units[0].years[0].indicator[2] == 90); /* the reader went on */
}

/* text (UTF-8) as UTF-16 in the given byte order, with or without a BOM */
static size_t to_utf16(char *out, const char *text, bool le, bool bom)
{
	size_t o = 0, n = strlen(text);
	if (bom) {
		out[o++] = le ? '\xFF' : '\xFE';
		out[o++] = le ? '\xFE' : '\xFF';
	}
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = itakit_utf8_decode(text + i, n - i, &cp);
		assert_true(k > 0 && cp < 0x10000);
		out[o++] = (char)(le ? cp & 0xFF : cp >> 8);
		out[o++] = (char)(le ? cp >> 8 : cp & 0xFF);
		i += k;
	}
	return o;
}

static void test_utf16_and_xls(void **state)
{
	fixture *f = *state;
	/* Excel's "Unicode text" and other UTF-16 files are read as text */
	const char *text = "unit,year,indicator,score\r\n" BKK ",2566,1,92.27\r\n" BKK ",2566,2,x\r\n";
	char buf[512];
	static const bool orders[][2] = {{true, true}, {false, true}, {true, false}, {false, false}};
	for (size_t i = 0; i < 4; i++) {
		itakit_dataset_release(&f->ds);
		itakit_diag_list_release(&f->diags);
		size_t n = to_utf16(buf, text, orders[i][0], orders[i][1]);
		assert_int_equal(itakit_dataset_load_buffer(&f->ds, buf, n, "u16.csv", &f->fw, NULL, &f->diags),
				 ITAKIT_EINPUT);
		assert_int_equal(f->ds.n_units, 1);
		assert_string_equal(f->ds.units[0].name, BKK);
		assert_true(f->ds.units[0].years[0].indicator[0] == 92.27);
		/* positions are in characters of the text */
		assert_diag(&f->diags, "u16.csv:3:22: error: score 'x'");
		assert_int_equal(f->diags.count, 1);
	}
	/* UTF-32 is named and refused */
	assert_int_equal(itakit_dataset_load_buffer(&f->ds, "\xFF\xFE\0\0u\0\0\0", 8, "u32.csv", &f->fw, NULL,
						    &f->diags), ITAKIT_EINPUT);
	assert_diag(&f->diags, "u32.csv:1:1: error: this is UTF-32 text (little-endian)");
	assert_int_equal(itakit_dataset_load_buffer(&f->ds, "u\0\0\0n\0\0\0i\0\0\0", 12, "u32le.csv", &f->fw,
						    NULL, &f->diags), ITAKIT_EINPUT);
	assert_diag(&f->diags, "u32le.csv:1:1: error: this is UTF-32 text");
	/* Windows-874 with a byte it has no character for: named with its offset */
	assert_int_equal(load_text(f, "unit,year,indicator,score\n\xA1\xC3\xFC,2566,1,90\n"), ITAKIT_EINPUT);
	assert_diag(&f->diags, "test.csv:2:3: error: invalid UTF-8 (byte 0xFC at byte offset 28), and not "
		    "Windows-874 (TIS-620) Thai text either");
	assert_int_equal(itakit_dataset_load_buffer(&f->ds, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, "o.xls",
						    &f->fw, NULL, &f->diags), ITAKIT_EINPUT);
	assert_diag(&f->diags, "o.xls:1:1: error: this looks like an old Excel workbook (.xls)");
	assert_int_equal(load_text(f, "   \r\n\n"), ITAKIT_EINPUT);
	assert_diag(&f->diags, "test.csv:1:1: error: the file is empty");
}

/* ---- limits -------------------------------------------------------------- */

static int load_limited(fixture *f, const char *text, itakit_load_options *o)
{
	return itakit_dataset_load_buffer(&f->ds, text, strlen(text), "lim.csv", &f->fw, o, &f->diags);
}

static void test_limits(void **state)
{
	fixture *f = *state;
	itakit_load_options o = ITAKIT_LOAD_OPTIONS_INIT;
	o.max_field_bytes = 8;
	assert_int_equal(load_limited(f, LONG_HEADER "A,2566,1,90\nABCDEFGHIJKLMNOP,2566,1,90\n", &o), ITAKIT_EINPUT);
	assert_diag(&f->diags, "lim.csv:3:1: error: field longer than the limit of 8 bytes");
	itakit_diag_list_release(&f->diags);

	o = (itakit_load_options)ITAKIT_LOAD_OPTIONS_INIT;
	o.max_field_bytes = 64;
	char big[400];
	snprintf(big, sizeof big, LONG_HEADER "A,2566,1,90\n\"A,2566,2,90\n%0300d\n", 0);
	assert_int_equal(load_limited(f, big, &o), ITAKIT_EINPUT);
	assert_diag(&f->diags, "lim.csv:3:1: error: quoted field longer than the limit of 64 bytes: is its closing quote missing?");
	itakit_diag_list_release(&f->diags);

	o = (itakit_load_options)ITAKIT_LOAD_OPTIONS_INIT;
	o.max_columns = 5;
	assert_int_equal(load_limited(f, "unit,year,1,2,3,4\n", &o), ITAKIT_EINPUT);
	assert_diag(&f->diags, "lim.csv:1:1: error: the header has more than 5 columns (the limit)");
	itakit_diag_list_release(&f->diags);
	assert_int_equal(load_limited(f, LONG_HEADER "A,2566,1,90,1,2,3,4,5,6\n", &o), ITAKIT_EINPUT);
	assert_diag(&f->diags, "lim.csv:2:1: error: more than 5 fields (the limit)");
	itakit_diag_list_release(&f->diags);

	o = (itakit_load_options)ITAKIT_LOAD_OPTIONS_INIT;
	o.max_rows = 2;
	assert_int_equal(load_limited(f, LONG_HEADER "A,2566,1,90\nA,2566,2,90\nA,2566,3,90\nA,2566,4,x\n", &o),
			 ITAKIT_EINPUT);
	assert_diag(&f->diags, "lim.csv:4:1: error: more than 2 data rows (the limit)");
	assert_int_equal(f->diags.errors, 1); /* nothing read after the limit */
	itakit_diag_list_release(&f->diags);

	o = (itakit_load_options)ITAKIT_LOAD_OPTIONS_INIT;
	o.max_file_bytes = 10;
	assert_int_equal(load_limited(f, LONG_HEADER, &o), ITAKIT_EINPUT);
	assert_diag(&f->diags, "lim.csv:1:1: error: the file is larger than the limit of 10 bytes");
	itakit_diag_list_release(&f->diags);
	assert_int_equal(itakit_dataset_load_file(&f->ds, fixture_path("bangkok_2566_long.csv"), &f->fw, &o,
						  &f->diags), ITAKIT_EINPUT);
	assert_diag(&f->diags, "error: the file is larger than the limit of 10 bytes");
}

/* Random damage to a good file: whatever comes out, no crash, no leak
 * (run under ASan), and a result code that matches the diagnostics. */
static void test_mutations_do_not_crash(void **state)
{
	fixture *f = *state;
	char *base = NULL;
	size_t len = 0;
	assert_int_equal(itakit_file_read(&base, &len, fixture_path("bangkok_2566_long.csv"), 0), 0);
	char *buf = malloc(len + 16);
	unsigned seed = 12345;
	const char specials[] = {'"', ',', '\n', '\r', '\0', (char)0xE0, (char)0xA1, ' ', '9', (char)0xFF};
	for (int round = 0; round < 3000; round++) {
		memcpy(buf, base, len);
		size_t n = len;
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % n;
			seed = seed * 1103515245u + 12345u;
			int what = (seed >> 16) % 3;
			if (what == 0)
				buf[at] = specials[(seed >> 4) % sizeof specials];
			else if (what == 1)
				n = at + 1; /* truncate */
			else
				buf[at] = (char)(seed >> 20);
		}
		itakit_dataset ds;
		itakit_diag_list d;
		itakit_dataset_init(&ds);
		itakit_diag_list_init(&d);
		int rc = itakit_dataset_load_buffer(&ds, buf, n, "m.csv", &f->fw, NULL, &d);
		assert_true(rc == 0 || rc == ITAKIT_EINPUT);
		assert_true((rc == 0) == (d.errors == 0));
		itakit_dataset_release(&ds);
		itakit_diag_list_release(&d);
	}
	free(buf);
	free(base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_long_fixture, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_wide_equals_long, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_wide_with_names_and_tools, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_windows874_fixture, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_windows874_bytes, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bom_crlf, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_old_mac_line_ends, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_thai_digits_and_ce, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_names_normalised, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_units_in_order_years_ascending, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_extra_columns, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_header_synonyms, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_tool_and_overall_rows, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_quoted_fields, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_blank_rows_skipped, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_other_delimiters, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_merge_two_files, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_load_several_paths, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bad_fixtures, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_every_error_reported, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_diag_cap, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_header_problems, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_wide_problems, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_quote_errors_resume, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_utf16_and_xls, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_limits, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_mutations_do_not_crash, dataset_fixture_setup, dataset_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
