/* Unit identity: the code identifies a unit when the data has one; a name
 * shared by agencies in different provinces is never merged; spelling
 * variants of one name (NFC/NFD, mark order, case, spaces) are one unit. */
#include "test_support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BAN_MAI "เทศบาลตำบลบ้านใหม่"




static int load(fixture *f, const char *text, itakit_identity identity)
{
	itakit_load_options o = ITAKIT_LOAD_OPTIONS_INIT;
	o.identity = identity;
	return itakit_dataset_load_buffer(&f->ds, text, strlen(text), "t.csv", f->fw.n_eras ? &f->fw : NULL,
					  &o, &f->diags);
}

static const itakit_unit *by_code(const fixture *f, const char *code)
{
	const itakit_unit *u = itakit_dataset_find_unit(&f->ds, code);
	assert_non_null(u);
	assert_string_equal(u->code, code);
	return u;
}

static double overall(const itakit_unit *u, int year)
{
	const itakit_unit_year *y = itakit_unit_find_year(u, year);
	assert_non_null(y);
	return y->overall;
}

/* Three municipalities named บ้านใหม่ in three provinces, two years each:
 * three units, each with its own scores; nothing is merged and no change
 * between two agencies is invented. */
static void test_same_name_three_provinces(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "รหัสหน่วยงาน,หน่วยงาน,จังหวัด,ปี,ตัวชี้วัด,คะแนน\n"
				"5001," BAN_MAI ",นครราชสีมา,2565,overall,91.00\n"
				"6002," BAN_MAI ",ลำปาง,2565,overall,80.50\n"
				"7003," BAN_MAI ",พระนครศรีอยุธยา,2565,overall,70.00\n"
				"5001," BAN_MAI ",นครราชสีมา,2566,overall,92.25\n"
				"6002," BAN_MAI ",ลำปาง,2566,overall,59.50\n"
				"7003," BAN_MAI ",พระนครศรีอยุธยา,2566,overall,77.00\n",
			      ITAKIT_IDENTITY_CODE_OR_NAME), 0);
	assert_int_equal(f->diags.errors, 0);
	assert_int_equal(f->diags.warnings, 0);
	assert_int_equal(f->ds.n_units, 3);
	const itakit_unit *a = by_code(f, "5001"), *b = by_code(f, "6002"), *c = by_code(f, "7003");
	assert_true(overall(a, 2565) == 91.00 && overall(a, 2566) == 92.25);
	assert_true(overall(b, 2565) == 80.50 && overall(b, 2566) == 59.50);
	assert_true(overall(c, 2565) == 70.00 && overall(c, 2566) == 77.00);
	assert_string_equal(itakit_unit_attr(b, "จังหวัด"), "ลำปาง");
	/* the name alone names none of them; three units carry it */
	assert_null(itakit_dataset_find_unit(&f->ds, BAN_MAI));
	assert_int_equal(itakit_dataset_count_named(&f->ds, BAN_MAI), 3);
	/* Thai digits in a code are the same code */
	assert_ptr_equal(itakit_dataset_find_unit(&f->ds, "๖๐๐๒"), b);
}

/* A row without a code cannot say which of them it means. */
static void test_codeless_row_ambiguous(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "code,unit,year,indicator,score\n"
				"5001," BAN_MAI ",2566,overall,92\n"
				"6002," BAN_MAI ",2566,overall,59\n"
				"," BAN_MAI ",2566,1,80\n",
			      ITAKIT_IDENTITY_CODE_OR_NAME), ITAKIT_EINPUT);
	assert_diag(&f->diags, "t.csv:4:2: error: '" BAN_MAI "' names 2 units: code 5001 (line 2), "
				"code 6002 (line 3); this row has no unit code");
}

/* Rows without a code first, then two codes with that name: which rows were
 * whose cannot be known. */
static void test_codeless_then_two_codes(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "code,unit,year,indicator,score\n"
				"," BAN_MAI ",2565,overall,90\n"
				"5001," BAN_MAI ",2566,overall,92\n"
				"6002," BAN_MAI ",2566,overall,59\n",
			      ITAKIT_IDENTITY_CODE_OR_NAME), ITAKIT_EINPUT);
	assert_diag(&f->diags, "t.csv:4:1: error: unit code '6002' shares the name");
	assert_diag(&f->diags, "a row without a code (line 2) cannot be told apart");
}

/* History without codes and this year with one: one unit. */
static void test_codeless_history_joins_code(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "unit,year,indicator,score\n" BAN_MAI ",2565,overall,90\n",
			      ITAKIT_IDENTITY_CODE_OR_NAME), 0);
	assert_int_equal(load(f, "code,unit,year,indicator,score\n5001," BAN_MAI ",2566,overall,92\n",
			      ITAKIT_IDENTITY_CODE_OR_NAME), 0);
	assert_int_equal(f->ds.n_units, 1);
	const itakit_unit *u = by_code(f, "5001");
	assert_true(overall(u, 2565) == 90 && overall(u, 2566) == 92);
}

/* One code, two names (a renamed agency, a typing error): a warning, and
 * one unit under its first name; two codes are never one unit. */
static void test_code_is_the_identity(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "code,unit,group,year,indicator,score\n"
				"5001," BAN_MAI ",นครราชสีมา,2565,overall,90\n"
				"5001,เทศบาลตำบลบ้านใหม่สามัคคี,นครราชสีมา,2566,overall,92\n"
				"5002,เทศบาลตำบลบ้านใหม่สามัคคี,ลำปาง,2566,overall,70\n"
				"5001," BAN_MAI ",ลำปาง,2566,1,80\n",
			      ITAKIT_IDENTITY_CODE_OR_NAME), 0);
	assert_int_equal(f->ds.n_units, 2);
	assert_diag(&f->diags, "t.csv:3:6: warning: unit code '5001' is named 'เทศบาลตำบลบ้านใหม่สามัคคี' here "
				"and '" BAN_MAI "' on line 2; kept as one unit");
	assert_diag(&f->diags, "t.csv:5:25: warning: unit code '5001' is in group 'ลำปาง' here and "
				"'นครราชสีมา' on line 2");
	const itakit_unit *u = by_code(f, "5001");
	assert_string_equal(u->name, BAN_MAI);
	assert_string_equal(u->group, "นครราชสีมา");
	assert_true(overall(u, 2565) == 90 && overall(u, 2566) == 92);
	assert_true(overall(by_code(f, "5002"), 2566) == 70);
}

static const char TWO_GROUPS[] = "unit,group,year,indicator,score\n"
				 BAN_MAI ",นครราชสีมา,2565,overall,91\n"
				 BAN_MAI ",ลำปาง,2565,overall,80\n"
				 BAN_MAI ",นครราชสีมา,2566,overall,92\n"
				 BAN_MAI ",ลำปาง,2566,overall,60\n";

/* Without codes, one name under two groups: an error naming both rows,
 * unless name and group are declared the identity. */
static void test_name_two_groups(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, TWO_GROUPS, ITAKIT_IDENTITY_CODE_OR_NAME), ITAKIT_EINPUT);
	assert_diag(&f->diags, "t.csv:3:");
	assert_diag(&f->diags, "'" BAN_MAI "' is in group 'ลำปาง' here but in group 'นครราชสีมา' on line 2");
	assert_diag(&f->diags, "--identity name+group");
	assert_diag(&f->diags, "t.csv:5:");
	itakit_dataset_release(&f->ds);
	itakit_diag_list_release(&f->diags);
	itakit_diag_list_init(&f->diags);

	assert_int_equal(load(f, TWO_GROUPS, ITAKIT_IDENTITY_NAME_GROUP), 0);
	assert_int_equal(f->diags.errors + f->diags.warnings, 0);
	assert_int_equal(f->ds.n_units, 2);
	assert_string_equal(f->ds.units[0].group, "นครราชสีมา");
	assert_true(overall(&f->ds.units[0], 2565) == 91 && overall(&f->ds.units[0], 2566) == 92);
	assert_string_equal(f->ds.units[1].group, "ลำปาง");
	assert_true(overall(&f->ds.units[1], 2565) == 80 && overall(&f->ds.units[1], 2566) == 60);
}

/* Spellings of one name: mark order (tone mark typed before the vowel),
 * decomposed and composed accents, case, stray spaces: one unit, shown as
 * first written. */
static void test_spelling_variants_one_unit(void **state)
{
	fixture *f = *state;
	assert_int_equal(load(f, "unit,year,indicator,score\n"
				"ที่ว่าการอำเภอ,2565,overall,80\n"
				"ท\xE0\xB9\x88\xE0\xB8\xB5ว่าการอำเภอ,2566,overall,81\n" /* ที่ as ท + ่ + ี */
				"ที่ว่าการ อำเภอ,2566,1,82\n"
				"ที่ว่าการอ\xE0\xB9\x8D\xE0\xB8\xB2เภอ,2566,2,83\n" /* ำ as ํ + า */
				"Caf\xC3\xA9 Office,2565,overall,70\n"            /* é composed */
				"CAFE\xCC\x81 office,2566,overall,71\n"           /* E + combining acute */
				"caf\xC3\xA9office,2566,1,72\n",
			      ITAKIT_IDENTITY_CODE_OR_NAME), 0);
	assert_int_equal(f->ds.n_units, 2);
	assert_string_equal(f->ds.units[0].name, "ที่ว่าการอำเภอ");
	const itakit_unit_year *y = itakit_unit_find_year(&f->ds.units[0], 2566);
	assert_true(y->overall == 81 && y->indicator[0] == 82 && y->indicator[1] == 83);
	assert_string_equal(f->ds.units[1].name, "Caf\xC3\xA9 Office");
	y = itakit_unit_find_year(&f->ds.units[1], 2566);
	assert_true(y->overall == 71 && y->indicator[0] == 72);
}

/* The key itself, as documented. */
static void test_match_key(void **state)
{
	(void)state;
	char *a = itakit_text_match_key(" ท\xE0\xB9\x88\xE0\xB8\xB5 Ab ");
	char *b = itakit_text_match_key("ที่ab");
	char *c = itakit_text_match_key("E\xCC\x81");
	char *d = itakit_text_match_key("\xC3\xA9");
	char *e = itakit_text_match_key("ปู่"); /* ป + ู + ่: already in order */
	assert_string_equal(a, b);
	assert_string_equal(c, d);
	assert_string_equal(e, "ปู่");
	free(a), free(b), free(c), free(d), free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_name_three_provinces, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_codeless_row_ambiguous, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_codeless_then_two_codes, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_codeless_history_joins_code, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_code_is_the_identity, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_name_two_groups, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_spelling_variants_one_unit, dataset_fixture_setup, dataset_fixture_teardown),
		cmocka_unit_test(test_match_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
