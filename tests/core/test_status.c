/* Status file of the progress report: English and Thai headers and values,
 * derived progress, every bad cell with its position, and the check of the
 * rows against a unit's plan. */
#include "test_support.h"

#include "itakit/status.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int parse(itakit_status *st, itakit_diag_list *d, const char *text)
{
	itakit_status_init(st);
	itakit_diag_list_init(d);
	return itakit_status_parse(st, text, strlen(text), "s.csv", d);
}

static void test_english(void **state)
{
	(void)state;
	itakit_status st;
	itakit_diag_list d;
	assert_int_equal(parse(&st, &d,
		"id,status,progress,actions,evidence,budget,problems,next_steps\n"
		"M04,done,100,\"Reviewed the manual\nTrained staff\",https://example.go.th/m04,\"12,500\",,\n"
		"M05,in_progress,60%,Started,,,Late budget,Finish in Q3\n"
		"M03,not started,,,,-,,\n"
		"M02,cancelled,10,,,0,,\n"), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(st.count, 4);
	assert_false(st.has_unit);
	assert_string_equal(st.rows[0].id, "M04");
	assert_int_equal(st.rows[0].status, ITAKIT_STATUS_DONE);
	assert_near(st.rows[0].progress, 100, 1e-9);
	assert_true(st.rows[0].has_budget);
	assert_near(st.rows[0].budget, 12500, 1e-9);
	assert_string_equal(st.rows[0].actions, "Reviewed the manual\nTrained staff");
	assert_string_equal(st.rows[0].evidence, "https://example.go.th/m04");
	assert_int_equal(st.rows[1].status, ITAKIT_STATUS_IN_PROGRESS);
	assert_near(st.rows[1].progress, 60, 1e-9);
	assert_false(st.rows[1].has_budget);
	assert_string_equal(st.rows[1].problems, "Late budget");
	assert_string_equal(st.rows[1].next_steps, "Finish in Q3");
	/* not started with an empty progress is 0 */
	assert_int_equal(st.rows[2].status, ITAKIT_STATUS_NOT_STARTED);
	assert_near(st.rows[2].progress, 0, 1e-9);
	assert_false(st.rows[2].has_budget);
	assert_int_equal(st.rows[3].status, ITAKIT_STATUS_CANCELLED);
	assert_true(st.rows[3].has_budget);
	assert_int_equal(st.rows[1].line, 4); /* the quoted cell spans lines 2-3 */
	itakit_status_release(&st);
	itakit_diag_list_release(&d);
}

static void test_thai(void **state)
{
	(void)state;
	itakit_status st;
	itakit_diag_list d;
	/* BOM, CRLF, Thai headers, Thai statuses and Thai digits; a unit column */
	assert_int_equal(parse(&st, &d,
		"\xEF\xBB\xBFหน่วยงาน,รหัสมาตรการ,สถานะ,ร้อยละความก้าวหน้า,ผลการดำเนินการ,หลักฐาน,งบประมาณ (บาท),ปัญหาและอุปสรรค,ข้อเสนอแนะ\r\n"
		"กรุงเทพมหานคร,M04,ดำเนินการแล้วเสร็จ,๑๐๐,จัดอบรม,คำสั่งที่ ๑/๒๕๖๗,๑๒๕๐๐ บาท,,\r\n"
		"กรุงเทพ มหานคร,M05,อยู่ระหว่างดำเนินการ,๔๕.๕,ปรับปรุงเว็บไซต์,,,งบประมาณล่าช้า,เร่งรัด\r\n"
		"เขตบางรัก,M05,ยังไม่ดำเนินการ,0,,,,,\r\n"
		"กรุงเทพมหานคร,M03,ยกเลิก,0,,,,,\r\n"), 0);
	assert_int_equal(d.count, 0);
	assert_true(st.has_unit);
	assert_int_equal(st.count, 4);
	assert_int_equal(st.rows[0].status, ITAKIT_STATUS_DONE);
	assert_near(st.rows[0].budget, 12500, 1e-9);
	assert_near(st.rows[1].progress, 45.5, 1e-9);
	assert_int_equal(st.rows[2].status, ITAKIT_STATUS_NOT_STARTED);
	assert_int_equal(st.rows[3].status, ITAKIT_STATUS_CANCELLED);
	assert_string_equal(st.rows[1].problems, "งบประมาณล่าช้า");
	/* unit matching ignores stray spaces; a code matches too */
	assert_true(itakit_status_row_is_for(&st.rows[1], "กรุงเทพมหานคร", NULL));
	assert_false(itakit_status_row_is_for(&st.rows[2], "กรุงเทพมหานคร", NULL));
	assert_true(itakit_status_row_is_for(&st.rows[2], "Bang Rak district", "เขตบางรัก"));
	itakit_status_release(&st);
	itakit_diag_list_release(&d);
}

static void test_statuses(void **state)
{
	(void)state;
	itakit_status_kind k;
	assert_int_equal(itakit_status_kind_parse(&k, "In-Progress"), 0);
	assert_int_equal(k, ITAKIT_STATUS_IN_PROGRESS);
	assert_int_equal(itakit_status_kind_parse(&k, "อยู่ระหว่าง ดำเนินการ"), 0);
	assert_int_equal(k, ITAKIT_STATUS_IN_PROGRESS);
	assert_int_equal(itakit_status_kind_parse(&k, "DONE"), 0);
	assert_int_equal(k, ITAKIT_STATUS_DONE);
	assert_int_equal(itakit_status_kind_parse(&k, "ดำเนินการแล้ว"), -1);
	assert_int_equal(itakit_status_kind_parse(&k, ""), -1);
	for (int i = 0; i < ITAKIT_STATUS_N; i++) {
		/* every name printed parses back */
		assert_int_equal(itakit_status_kind_parse(&k, itakit_status_kind_name(i, ITAKIT_LANG_TH)), 0);
		assert_int_equal(k, i);
		assert_int_equal(itakit_status_kind_parse(&k, itakit_status_kind_name(i, ITAKIT_LANG_EN)), 0);
		assert_int_equal(k, i);
	}
	assert_null(itakit_status_kind_name(ITAKIT_STATUS_N, ITAKIT_LANG_TH));
}

static void test_errors(void **state)
{
	(void)state;
	itakit_status st;
	itakit_diag_list d;
	assert_int_equal(parse(&st, &d,
		"id,status,progress,actions,evidence,budget\n"
		"M04,finished,50,,,\n"
		"M05,done,101,,,\n"
		"M03,in_progress,-5,,,\n"
		"M02,in_progress,abc,,,\n"
		",in_progress,,,,\n"
		"M07,done,100,,,ten baht\n"
		"M08,done,100,,,,\n"
		"M09,done,90,,,\n"), ITAKIT_EINPUT);
	assert_diags(&d,
		"s.csv:2:5: error: unknown status 'finished' (expected ยังไม่ดำเนินการ, อยู่ระหว่างดำเนินการ, "
		"ดำเนินการแล้วเสร็จ or ยกเลิก; or not_started, in_progress, done, cancelled)\n"
		"s.csv:3:10: error: progress 101 is outside 0-100 (a percent of the measure done)\n"
		"s.csv:4:17: error: progress -5 is outside 0-100 (a percent of the measure done)\n"
		"s.csv:5:17: error: progress 'abc' is not a number (expected a percent from 0 to 100)\n"
		"s.csv:6:1: error: empty id (expected the id of a measure, such as M04)\n"
		"s.csv:6:14: error: empty progress (expected a percent from 0 to 100)\n"
		"s.csv:7:16: error: budget 'ten baht' is not an amount in baht (expected a number such as "
		"12500 or 12,500.50, or an empty cell)\n"
		"s.csv:8:17: error: row has 7 fields, the header has 6; a comma inside a value needs double "
		"quotes around the value\n"
		"s.csv:9:10: warning: status is done but progress is 90%\n");
	assert_int_equal(st.count, 0); /* all or nothing */
	itakit_status_release(&st);
	itakit_diag_list_release(&d);
}

static void test_header_errors(void **state)
{
	(void)state;
	itakit_status st;
	itakit_diag_list d;
	assert_int_equal(parse(&st, &d, "id,state,progress,colour\nM04,done,100,red\n"), ITAKIT_EINPUT);
	assert_diags(&d,
		"s.csv:1:4: error: unknown column 'state' (expected: [unit,] id, status, progress, actions, "
		"evidence, budget, problems, next_steps)\n"
		"s.csv:1:19: error: unknown column 'colour' (expected: [unit,] id, status, progress, actions, "
		"evidence, budget, problems, next_steps)\n"
		"s.csv:1:1: error: missing required column 'status' (expected: [unit,] id, status, progress, "
		"actions, evidence, budget, problems, next_steps)\n");
	itakit_status_release(&st);
	itakit_diag_list_release(&d);

	assert_int_equal(parse(&st, &d, ""), ITAKIT_EINPUT);
	assert_true(diags_contain(&d, "s.csv:1:1: error: the file is empty"));
	itakit_status_release(&st);
	itakit_diag_list_release(&d);

	assert_int_equal(parse(&st, &d, "id,status,progress\n"), ITAKIT_EINPUT);
	assert_true(diags_contain(&d, "no rows"));
	itakit_status_release(&st);
	itakit_diag_list_release(&d);

	assert_int_equal(parse(&st, &d, "id,status,progress\nM04,done,1\xff\n"), ITAKIT_EINPUT);
	assert_true(diags_contain(&d, "s.csv:2:11: error: invalid UTF-8"));
	itakit_status_release(&st);
	itakit_diag_list_release(&d);
}

static void test_check(void **state)
{
	(void)state;
	itakit_status st;
	itakit_diag_list d;
	assert_int_equal(parse(&st, &d,
		"unit,id,status,progress\n"
		"A,M04,done,100\n"
		"A,M01,done,100\n"
		"B,M01,done,100\n"
		"A,M04,in_progress,50\n"), 0);
	const char *plan[] = {"M04", "M05", "M03"};
	const itakit_status_row *rows[3];
	assert_int_equal(itakit_status_check(rows, &st, "A", NULL, plan, 3, &d), ITAKIT_EINPUT);
	assert_diags(&d,
		"s.csv:3:3: error: measure 'M01' is not among the measures of A's plan (M04, M05, M03)\n"
		"s.csv:5:3: error: measure 'M04' reported twice for A (first on line 2)\n"
		"s.csv: warning: measure 'M05' of A's plan has no row: the report shows it as not reported\n"
		"s.csv: warning: measure 'M03' of A's plan has no row: the report shows it as not reported\n");
	itakit_diag_list_release(&d);

	/* B's only row is M01: fine for a plan that has it */
	const char *plan_b[] = {"M01"};
	assert_int_equal(itakit_status_check(rows, &st, "B", NULL, plan_b, 1, &d), 0);
	assert_int_equal(d.count, 0);
	assert_ptr_equal(rows[0], &st.rows[2]);
	itakit_diag_list_release(&d);
	itakit_status_release(&st);
}

static void test_sample_files(void **state)
{
	(void)state;
	const char *files[] = {"data/status_bangkok_2567_6.csv", "data/status_bangkok_2567_12.csv"};
	const char *plan[] = {"M04", "M05", "M03", "M02"};
	for (size_t i = 0; i < 2; i++) {
		itakit_status st;
		itakit_diag_list d;
		itakit_status_init(&st);
		itakit_diag_list_init(&d);
		assert_int_equal(itakit_status_load(&st, source_path(files[i]), &d), 0);
		const itakit_status_row *rows[4];
		assert_int_equal(itakit_status_check(rows, &st, "กรุงเทพมหานคร", NULL, plan, 4, &d), 0);
		assert_int_equal(d.count, 0);
		for (size_t k = 0; k < 4; k++)
			assert_non_null(rows[k]);
		itakit_status_release(&st);
		itakit_diag_list_release(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_thai),
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_sample_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
