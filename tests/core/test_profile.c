/* Profile: the shipped example, defaults, escapes, dates, the logo check and
 * every error with its position. */
#include "test_support.h"

#include "itakit/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int parse(itakit_profile *p, const char *text, itakit_diag_list *d)
{
	itakit_profile_init(p);
	itakit_diag_list_init(d);
	return itakit_profile_parse(p, text, strlen(text), "p.ini", d);
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static void test_real_profile(void **state)
{
	(void)state;
	itakit_profile p;
	itakit_diag_list d;
	itakit_profile_init(&p);
	itakit_diag_list_init(&d);
	assert_int_equal(itakit_profile_load(&p, source_path("data/profile.ini"), &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(p.agency, "กรุงเทพมหานคร");
	assert_string_equal(p.responsible_default, "ทุกส่วนราชการในสังกัด");
	assert_string_equal(p.author, "สำนักงานเลขานุการปลัดกรุงเทพมหานคร");
	assert_string_equal(p.font, "Laksaman");
	assert_null(p.logo); /* "logo =": no logo */
	/* two paragraphs, split where the file has \n */
	const char *nl = strchr(p.constraints, '\n');
	assert_non_null(nl);
	assert_null(strchr(nl + 1, '\n'));
	assert_true(strncmp(nl + 1, "นอกจากนี้", strlen("นอกจากนี้")) == 0);
	assert_true(p.date_set);
	assert_int_equal(p.date_year, 2567);
	assert_int_equal(p.date_month, 1);
	assert_int_equal(p.date_day, 31);
	/* the progress reports' own dates: each after its round's period */
	assert_int_equal(p.progress_date[0].year, 2567);
	assert_int_equal(p.progress_date[0].month, 4);
	assert_int_equal(p.progress_date[0].day, 30);
	assert_int_equal(p.progress_date[1].year, 2567);
	assert_int_equal(p.progress_date[1].month, 10);
	assert_int_equal(p.progress_date[1].day, 31);
	assert_true(itakit_profile_key_line(&p, "progress_date_6") > itakit_profile_key_line(&p, "date"));
	assert_int_equal(itakit_profile_key_line(&p, "no_such_key"), 0);
	assert_true(p.digits_set);
	assert_int_equal(p.digits, ITAKIT_DIGITS_THAI);
	assert_true(p.lang_set);
	assert_int_equal(p.lang, ITAKIT_LANG_TH);

	char buf[128];
	assert_string_equal(itakit_profile_format_date(buf, sizeof buf, &p, ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI),
			    "๓๑ มกราคม ๒๕๖๗");
	assert_string_equal(itakit_profile_format_date(buf, sizeof buf, &p, ITAKIT_LANG_TH, ITAKIT_DIGITS_ARABIC),
			    "31 มกราคม 2567");
	assert_string_equal(itakit_profile_format_date(buf, sizeof buf, &p, ITAKIT_LANG_EN, ITAKIT_DIGITS_ARABIC),
			    "31 January 2024");
	itakit_profile_release(&p);
	assert_null(p.agency);
	itakit_profile_release(&p); /* twice is safe */
	itakit_diag_list_release(&d);
}

static void test_minimal_and_defaults(void **state)
{
	(void)state;
	itakit_profile p;
	itakit_diag_list d;
	itakit_profile_init(&p);
	itakit_diag_list_init(&d);
	assert_int_equal(itakit_profile_load(&p, fixture_path("profile_minimal.ini"), &d), 0);
	assert_null(p.agency);
	assert_null(p.constraints);
	assert_int_equal(p.lang, ITAKIT_LANG_EN);
	assert_int_equal(p.digits, ITAKIT_DIGITS_ARABIC);
	/* CE year stored as BE; 29 February 2024 exists */
	assert_int_equal(p.date_year, 2567);
	assert_int_equal(p.date_month, 2);
	assert_int_equal(p.date_day, 29);
	char buf[128];
	assert_string_equal(itakit_profile_format_date(buf, sizeof buf, &p, ITAKIT_LANG_EN, ITAKIT_DIGITS_ARABIC),
			    "29 February 2024");
	assert_string_equal(itakit_profile_format_date(buf, sizeof buf, &p, ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI),
			    "๒๙ กุมภาพันธ์ ๒๕๖๗");
	itakit_profile_release(&p);

	/* empty input: every default, nothing "given" */
	assert_int_equal(parse(&p, "", &d), 0);
	assert_false(p.digits_set);
	assert_false(p.lang_set);
	assert_false(p.date_set);
	assert_int_equal(p.digits, ITAKIT_DIGITS_THAI);
	assert_int_equal(p.lang, ITAKIT_LANG_TH);
	assert_string_equal(itakit_profile_format_date(buf, sizeof buf, &p, ITAKIT_LANG_TH, ITAKIT_DIGITS_THAI), "");
	itakit_profile_release(&p);
	itakit_diag_list_release(&d);
}

static void test_crlf_bom_escapes(void **state)
{
	(void)state;
	itakit_profile p;
	itakit_diag_list d;
	itakit_profile_init(&p);
	itakit_diag_list_init(&d);
	assert_int_equal(itakit_profile_load(&p, fixture_path("profile_crlf_bom.ini"), &d), 0);
	assert_diags(&d, "");
	assert_string_equal(p.agency, "กรุงเทพมหานคร");
	assert_string_equal(p.constraints, "one\ntwo \\ three");
	assert_null(p.logo);
	itakit_profile_release(&p);

	/* sara am fixed in each paragraph; empty paragraphs dropped; an empty
	 * value is "not given" */
	assert_int_equal(parse(&p, "agency =  การใช้อํานาจ  \nconstraints = a\\n\\n  b\\n\nlang =\n", &d), 0);
	assert_string_equal(p.agency, "การใช้อำนาจ");
	assert_string_equal(p.constraints, "a\nb");
	assert_false(p.lang_set);
	itakit_profile_release(&p);
	itakit_diag_list_release(&d);
}

static void test_dates(void **state)
{
	(void)state;
	static const struct {
		const char *value;
		int ok, y, m, day;
	} cases[] = {
		{"2567-01-31", 1, 2567, 1, 31},
		{"2024-01-31", 1, 2567, 1, 31},
		{"๒๕๖๗-๐๑-๓๑", 1, 2567, 1, 31},
		{"2567-02-29", 1, 2567, 2, 29}, /* CE 2024: leap year */
		{"2566-02-29", 0, 0, 0, 0},     /* CE 2023 */
		{"2000-02-29", 1, 2543, 2, 29},
		{"2100-02-29", 0, 0, 0, 0},
		{"2567-04-31", 0, 0, 0, 0},
		{"2567-13-01", 0, 0, 0, 0},
		{"2567-00-10", 0, 0, 0, 0},
		{"2567-1-31", 0, 0, 0, 0},
		{"31/01/2567", 0, 0, 0, 0},
		{"1500-01-01", 0, 0, 0, 0},
		{"2567-01-31x", 0, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[128];
		snprintf(text, sizeof text, "date = %s\n", cases[i].value);
		itakit_profile p;
		itakit_diag_list d;
		int rc = parse(&p, text, &d);
		if (cases[i].ok) {
			if (rc != 0)
				fail_msg("%s: rejected", cases[i].value);
			assert_int_equal(p.date_year, cases[i].y);
			assert_int_equal(p.date_month, cases[i].m);
			assert_int_equal(p.date_day, cases[i].day);
		} else {
			if (rc != ITAKIT_EINPUT)
				fail_msg("%s: accepted", cases[i].value);
			char want[256];
			snprintf(want, sizeof want,
				 "p.ini:1:8: error: bad date '%s' (expected YYYY-MM-DD, e.g. 2567-01-31 or 2024-01-31)\n",
				 cases[i].value);
			assert_diags(&d, want);
		}
		itakit_profile_release(&p);
		itakit_diag_list_release(&d);

		/* the same rule for the progress reports' keys and for --date */
		snprintf(text, sizeof text, "\nprogress_date_12 = %s\n", cases[i].value);
		rc = parse(&p, text, &d);
		itakit_profile_date pd = {9, 9, 9};
		int prc = itakit_profile_parse_date(&pd, cases[i].value);
		if (cases[i].ok) {
			assert_int_equal(rc, 0);
			assert_int_equal(prc, 0);
			assert_int_equal(p.progress_date[1].year, cases[i].y);
			assert_int_equal(p.progress_date[1].month, cases[i].m);
			assert_int_equal(p.progress_date[1].day, cases[i].day);
			assert_memory_equal(&pd, &p.progress_date[1], sizeof pd);
			assert_int_equal(p.progress_date[0].year, 0); /* the other round's: not given */
			assert_int_equal(itakit_profile_key_line(&p, "progress_date_12"), 2);
		} else {
			assert_int_equal(rc, ITAKIT_EINPUT);
			assert_int_equal(prc, ITAKIT_EINPUT);
			assert_int_equal(pd.year, 9); /* untouched */
			char want[256];
			snprintf(want, sizeof want,
				 "p.ini:2:20: error: bad progress_date_12 '%s' (expected YYYY-MM-DD, e.g. 2567-04-30 or 2024-04-30)\n",
				 cases[i].value);
			assert_diags(&d, want);
			snprintf(want, sizeof want, "bad date '%s' (expected YYYY-MM-DD, e.g. 2567-04-30 or 2024-04-30)",
				 cases[i].value);
			assert_string_equal(itakit_error_last(), want);
		}
		itakit_profile_release(&p);
		itakit_diag_list_release(&d);
	}
}

static void test_errors_fixture(void **state)
{
	(void)state;
	itakit_profile p;
	itakit_diag_list d;
	itakit_profile_init(&p);
	itakit_diag_list_init(&d);
	assert_int_equal(itakit_profile_load(&p, fixture_path("profile_errors.ini"), &d), ITAKIT_EINPUT);
	assert_diags(&d,
		"profile_errors.ini:3:1: error: unknown key 'agencyy' (did you mean 'agency'? valid keys: agency, responsible_default, author, constraints, approval_name, approval_position (each also with _en), date, approval_date, progress_date_6, progress_date_12, logo, font, digits, lang)\n"
		"profile_errors.ini:4:1: error: unknown key 'colour' (valid keys: agency, responsible_default, author, constraints, approval_name, approval_position (each also with _en), date, approval_date, progress_date_6, progress_date_12, logo, font, digits, lang)\n"
		"profile_errors.ini:5:1: error: expected 'key = value' (no '=' on this line)\n"
		"profile_errors.ini:6:1: error: duplicate key 'agency' (first given on line 2)\n"
		"profile_errors.ini:7:10: error: bad value 'roman' for digits (expected thai or arabic)\n"
		"profile_errors.ini:8:8: error: bad value 'fr' for lang (expected th or en)\n"
		"profile_errors.ini:9:8: error: bad date '31/01/2567' (expected YYYY-MM-DD, e.g. 2567-01-31 or 2024-01-31)\n"
		"profile_errors.ini:10:1: error: unknown key 'date_x' (did you mean 'date'? valid keys: agency, responsible_default, author, constraints, approval_name, approval_position (each also with _en), date, approval_date, progress_date_6, progress_date_12, logo, font, digits, lang)\n"
		"profile_errors.ini:11:11: error: unknown escape (only \\n and \\\\ are allowed; write \\\\ for a backslash)\n"
		"profile_errors.ini:13:2: error: missing key before '='\n"
		"profile_errors.ini:14:18: error: unknown escape (only \\n and \\\\ are allowed; write \\\\ for a backslash)\n"
		"profile_errors.ini:15:8: error: logo 'no_such_logo.png' cannot be opened: No such file or directory\n");
	/* all or nothing */
	assert_null(p.agency);
	assert_null(p.font);
	assert_string_equal(itakit_error_last(), ITAKIT_FIXTURES "/profile_errors.ini: 12 errors in the profile");
	itakit_profile_release(&p);
	itakit_diag_list_release(&d);
}

static void test_inline_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *expected;
	} cases[] = {
		{"Lang = en\n", "p.ini:1:1: error: unknown key 'Lang' (did you mean 'lang'? valid keys: agency, responsible_default, author, constraints, approval_name, approval_position (each also with _en), date, approval_date, progress_date_6, progress_date_12, logo, font, digits, lang)\n"},
		{"responsible default = x\n", "p.ini:1:1: error: unknown key 'responsible default' (did you mean 'responsible_default'? valid keys: agency, responsible_default, author, constraints, approval_name, approval_position (each also with _en), date, approval_date, progress_date_6, progress_date_12, logo, font, digits, lang)\n"},
		{"ชื่อ = กรุงเทพ\n", "p.ini:1:1: error: unknown key 'ชื่อ' (valid keys: agency, responsible_default, author, constraints, approval_name, approval_position (each also with _en), date, approval_date, progress_date_6, progress_date_12, logo, font, digits, lang)\n"},
		{"  author = ก\\x\n", "p.ini:1:13: error: unknown escape (only \\n and \\\\ are allowed; write \\\\ for a backslash)\n"},
		{"author = trailing\\\n", "p.ini:1:18: error: unknown escape (only \\n and \\\\ are allowed; write \\\\ for a backslash)\n"},
		{"# ok\n\n  \nfont\n", "p.ini:4:1: error: expected 'key = value' (no '=' on this line)\n"},
		{"lang = en\r\nlang = th\r\n", "p.ini:2:1: error: duplicate key 'lang' (first given on line 1)\n"},
		/* bad bytes in a UTF-8 file: the whole file is refused, at the first one */
		{"agency = \xe0\xb8" "bad\nauthor = ก\xe0\xb8\x81\n", "p.ini:1:10: error: invalid UTF-8 (byte 0xE0 at byte offset 9); this may be Windows-874 (TIS-620) Thai text mixed with UTF-8: save the whole file as UTF-8\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		itakit_profile p;
		itakit_diag_list d;
		assert_int_equal(parse(&p, cases[i].text, &d), ITAKIT_EINPUT);
		assert_diags(&d, cases[i].expected);
		itakit_profile_release(&p);
		itakit_diag_list_release(&d);
	}

	/* a NUL byte, and a value over the limit */
	itakit_profile p;
	itakit_diag_list d;
	itakit_profile_init(&p);
	itakit_diag_list_init(&d);
	/* a profile saved in Windows-874 (TIS-620) is converted: ปัญหา */
	assert_int_equal(parse(&p, "agency = \xbb\xd1\xad\xcb\xd2\r\nfont = x\r\n", &d), 0);
	assert_string_equal(p.agency, "ปัญหา");
	assert_string_equal(p.font, "x");
	itakit_profile_release(&p);
	itakit_diag_list_release(&d);
	assert_int_equal(itakit_profile_parse(&p, "font = a\0b\n", 11, "p.ini", &d), ITAKIT_EINPUT);
	assert_diags(&d, "p.ini:1:9: error: NUL byte (byte offset 8); text never contains one, so the file is damaged or is not text\n");
	itakit_diag_list_release(&d);
	size_t n = ITAKIT_PROFILE_MAX_VALUE + 16;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memcpy(big, "agency = ", 9);
	memset(big + 9, 'a', n - 9);
	big[n] = '\0';
	assert_int_equal(itakit_profile_parse(&p, big, n, "p.ini", &d), ITAKIT_EINPUT);
	assert_diags(&d, "p.ini:1:10: error: value of 'agency' is longer than 65536 bytes\n");
	free(big);
	itakit_diag_list_release(&d);

	/* not found */
	assert_int_equal(itakit_profile_load(&p, fixture_path("profile_none.ini"), &d), ITAKIT_ENOTFOUND);
	itakit_profile_release(&p);
	itakit_diag_list_release(&d);
}

static void test_logo(void **state)
{
	(void)state;
	char dir[512], path[600], img[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(img, sizeof img, "%s/img", dir);
	assert_int_equal(mkdir(img, 0755), 0);
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
	snprintf(path, sizeof path, "%s/img/logo.png", dir);
	write_file(path, png, sizeof png);
	snprintf(path, sizeof path, "%s/img/fake.png", dir);
	write_file(path, "GIF89a....", 10);

	itakit_profile p;
	itakit_diag_list d;
	itakit_profile_init(&p);
	itakit_diag_list_init(&d);
	/* relative to the profile's directory, not the current one */
	snprintf(path, sizeof path, "%s/profile.ini", dir);
	write_file(path, "logo = img/logo.png\n", 20);
	assert_int_equal(itakit_profile_load(&p, path, &d), 0);
	char want[700];
	snprintf(want, sizeof want, "%s/img/logo.png", dir);
	assert_string_equal(p.logo, want);
	itakit_profile_release(&p);

	write_file(path, "logo = img/fake.png\n", 20);
	assert_int_equal(itakit_profile_load(&p, path, &d), ITAKIT_EINPUT);
	snprintf(want, sizeof want, "logo '%s/img/fake.png' is neither a PNG nor an SVG file", dir);
	assert_true(diags_contain(&d, want));
	itakit_diag_list_release(&d);

	write_file(path, "logo = img\n", 11);
	assert_int_equal(itakit_profile_load(&p, path, &d), ITAKIT_EINPUT);
	snprintf(want, sizeof want, "profile.ini:1:8: error: logo '%s/img' is not a regular file", dir);
	assert_true(diags_contain(&d, want));
	itakit_diag_list_release(&d);

	/* an emblem may be SVG: told by its root element, after a declaration */
	snprintf(img, sizeof img, "%s/img/emblem.svg", dir);
	static const char svg[] = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
				  "width=\"10\" height=\"10\"/>\n";
	write_file(img, svg, sizeof svg - 1);
	write_file(path, "logo = img/emblem.svg\n", 22);
	assert_int_equal(itakit_profile_load(&p, path, &d), 0);
	assert_string_equal(p.logo, img);
	assert_true(p.logo_svg);
	itakit_profile_release(&p);
	/* "<svgx" is not an SVG root */
	write_file(img, "<svgx/>", 7);
	assert_int_equal(itakit_profile_load(&p, path, &d), ITAKIT_EINPUT);
	itakit_diag_list_release(&d);

	/* an absolute path is kept */
	char text[700];
	snprintf(text, sizeof text, "logo = %s/img/logo.png\n", dir);
	write_file(path, text, strlen(text));
	assert_int_equal(itakit_profile_load(&p, path, &d), 0);
	snprintf(want, sizeof want, "%s/img/logo.png", dir);
	assert_string_equal(p.logo, want);
	itakit_profile_release(&p);
	itakit_diag_list_release(&d);
}

/* Every free-text key has an English twin; the English edition warns for
 * each one given without it, naming both keys at the Thai key's line. */
static void test_english_twins(void **state)
{
	(void)state;
	static const char text[] =
		"agency = กรุงเทพมหานคร\n"
		"agency_en = Bangkok Metropolitan Administration\n"
		"author = สำนักงานเลขานุการ\n"
		"constraints = ข้อจำกัดหนึ่ง\n"
		"constraints_en = One constraint\n"
		"responsible_default = ทุกส่วนราชการ\n"
		"approval_name = นายสมชาย ใจดี\n"
		"approval_position = ปลัดกรุงเทพมหานคร\n"
		"approval_position_en = Permanent Secretary\n"
		"approval_date = 2024-02-15\n";
	itakit_profile p;
	itakit_diag_list d;
	itakit_profile_init(&p);
	itakit_diag_list_init(&d);
	assert_int_equal(itakit_profile_parse(&p, text, sizeof text - 1, "p.ini", &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(p.constraints_en, "One constraint");
	assert_string_equal(p.approval_position_en, "Permanent Secretary");
	assert_null(p.author_en);
	assert_true(p.approval_date_set);
	assert_int_equal(p.approval_year, 2567); /* CE 2024 stored as BE */
	assert_int_equal(p.approval_month, 2);
	assert_int_equal(p.approval_day, 15);
	/* the twin when there is one, else the Thai text */
	assert_string_equal(itakit_profile_text(p.agency, p.agency_en, ITAKIT_LANG_EN),
			    "Bangkok Metropolitan Administration");
	assert_string_equal(itakit_profile_text(p.agency, p.agency_en, ITAKIT_LANG_TH), "กรุงเทพมหานคร");
	assert_string_equal(itakit_profile_text(p.author, p.author_en, ITAKIT_LANG_EN), "สำนักงานเลขานุการ");
	assert_null(itakit_profile_text(p.approval_name_en, NULL, ITAKIT_LANG_EN));

	assert_int_equal(itakit_profile_check_english(&p, &d), 0);
	assert_diags(&d,
		"p.ini:3: warning: 'author' has no English twin 'author_en': the English edition prints it in Thai\n"
		"p.ini:6: warning: 'responsible_default' has no English twin 'responsible_default_en': the English edition prints it in Thai\n"
		"p.ini:7: warning: 'approval_name' has no English twin 'approval_name_en': the English edition prints it in Thai\n");
	assert_int_equal(d.errors, 0);
	itakit_diag_list_release(&d);

	char buf[128];
	assert_string_equal(itakit_profile_format_ymd(buf, sizeof buf, 2567, 4, 30, ITAKIT_LANG_EN,
						      ITAKIT_DIGITS_ARABIC), "30 April 2024");
	assert_string_equal(itakit_profile_format_ymd(buf, sizeof buf, 2567, 4, 30, ITAKIT_LANG_TH,
						      ITAKIT_DIGITS_THAI), "๓๐ เมษายน ๒๕๖๗");
	itakit_profile_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_profile),
		cmocka_unit_test(test_minimal_and_defaults),
		cmocka_unit_test(test_crlf_bom_escapes),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_errors_fixture),
		cmocka_unit_test(test_inline_errors),
		cmocka_unit_test(test_logo),
		cmocka_unit_test(test_english_twins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
