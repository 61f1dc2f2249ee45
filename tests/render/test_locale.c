/* Locale independence of the library: numbers are read and written with a
 * '.', and charts come out byte-identical, even when the program using the
 * library has set a locale with a decimal comma; and neither GLib nor pango
 * switches the locale behind the back of a program that never set one (the
 * CLI). tests/cli/test_locale.sh checks the CLI's output under LANG. */
#include "test_support.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A locale whose decimal point is a comma, or NULL when none is installed
 * (scripts/test generates de_DE.UTF-8). */
static const char *comma_locale(void)
{
	static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
					    "ru_RU.UTF-8", "de_DE", "fr_FR", NULL};
	for (size_t i = 0; names[i]; i++)
		if (setlocale(LC_ALL, names[i])) {
			const char *dp = localeconv()->decimal_point;
			if (strcmp(dp, ",") == 0)
				return names[i];
		}
	setlocale(LC_ALL, "C");
	return NULL;
}

/* Loads data/bangkok.csv, analyses it, exports JSON, and renders a chart
 * of it to png_path. The JSON is returned (malloc'd). */
static char *run(const char *png_path)
{
	itakit_framework fw;
	itakit_dataset ds;
	itakit_diag_list diags;
	load_framework(&fw);
	itakit_dataset_init(&ds);
	itakit_diag_list_init(&diags);
	assert_int_equal(itakit_dataset_load_file(&ds, source_path("data/bangkok.csv"), &fw, NULL, &diags), 0);
	itakit_unit_analysis ua;
	assert_int_equal(itakit_analysis_run_unit(&ua, &ds.units[0], &fw, NULL, &diags), 0);
	itakit_strbuf out = ITAKIT_STRBUF_INIT;
	itakit_export_options eo = ITAKIT_EXPORT_OPTIONS_INIT;
	assert_int_equal(itakit_export_json(&out, &fw, &ua, 1, NULL, &eo), 0);
	char *json = strdup(out.data);
	itakit_strbuf_release(&out);
	itakit_chart_data d = {&fw, &ua, NULL, NULL, NULL, 0, NULL};
	assert_int_equal(itakit_chart_write(png_path, ITAKIT_CHART_INDICATORS, &d, NULL), 0);
	itakit_unit_analysis_release(&ua);
	itakit_dataset_release(&ds);
	itakit_framework_release(&fw);
	itakit_diag_list_release(&diags);
	return json;
}

static void test_nothing_sets_the_locale(void **state)
{
	(void)state;
	char path[600];
	snprintf(path, sizeof path, "%s/c.png", temp_dir());
	free(run(path));
	/* the program never called setlocale: the library, GLib, pango,
	 * fontconfig and cairo must not have either */
	assert_string_equal(setlocale(LC_ALL, NULL), "C");
	assert_string_equal(localeconv()->decimal_point, ".");
}

static void test_decimal_comma(void **state)
{
	(void)state;
	char dir[512], c_png[600], comma_png[600];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(c_png, sizeof c_png, "%s/c.png", dir);
	snprintf(comma_png, sizeof comma_png, "%s/comma.png", dir);
	char *c_json = run(c_png);
	const char *name = comma_locale();
	if (!name) {
		free(c_json);
		print_message("skipped: no locale with a decimal comma is installed (locale-gen de_DE.UTF-8)\n");
		skip();
	}
	double v;
	assert_int_equal(itakit_text_parse_number(&v, "82.44"), 0);
	assert_true(v == 82.44);
	assert_int_equal(itakit_text_parse_number(&v, "๘๒.๔๔"), 0);
	assert_true(v == 82.44);
	assert_true(itakit_round(82.445, 2) == 82.45);
	char buf[64];
	assert_string_equal(itakit_format_number(buf, sizeof buf, 82.445, 2, ITAKIT_DIGITS_ARABIC, false), "82.45");
	assert_string_equal(itakit_format_number(buf, sizeof buf, 1e13, 2, ITAKIT_DIGITS_ARABIC, false),
			    "10000000000000.00");
	char *comma_json = run(comma_png);
	assert_string_equal(comma_json, c_json);
	assert_non_null(strstr(comma_json, "88.98"));
	char *a, *b;
	size_t na, nb;
	assert_int_equal(itakit_file_read(&a, &na, c_png, 0), 0);
	assert_int_equal(itakit_file_read(&b, &nb, comma_png, 0), 0);
	assert_true(na == nb && memcmp(a, b, na) == 0);
	free(a);
	free(b);
	free(c_json);
	free(comma_json);
	/* still the locale the program chose */
	assert_string_equal(localeconv()->decimal_point, ",");
	setlocale(LC_ALL, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_sets_the_locale),
		cmocka_unit_test(test_decimal_comma),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
