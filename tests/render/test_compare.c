/* The comparison report's library API: results, errors, atomic output,
 * reproducible bytes, the bounded table. The text of the PDF is checked
 * end to end in tests/cli/test_compare.sh. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static itakit_framework fw;
static itakit_dataset ds;
static itakit_unit_analysis *units;
static size_t n_units;

static int setup(void **state)
{
	(void)state;
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	load_framework(&fw);
	itakit_dataset_init(&ds);
	if (itakit_dataset_load_file(&ds, source_path("data/bangkok_districts_synthetic.csv"), &fw, NULL, &diags))
		return -1;
	itakit_diag_list_release(&diags);
	units = calloc(ds.n_units, sizeof *units);
	for (n_units = 0; n_units < ds.n_units; n_units++)
		if (itakit_analysis_run_unit(&units[n_units], &ds.units[n_units], &fw, NULL, NULL))
			return -1;
	return setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_units; i++)
		itakit_unit_analysis_release(&units[i]);
	free(units);
	itakit_dataset_release(&ds);
	itakit_framework_release(&fw);
	return 0;
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static char *slurp(const char *path, size_t *len)
{
	char *data;
	assert_int_equal(itakit_file_read(&data, len, path, 0), 0);
	return data;
}

static void test_districts(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/c.pdf", temp_dir());
	itakit_compare_result res;
	assert_int_equal(itakit_compare_write(&res, path, &fw, units, n_units, 2566, NULL), 0);
	itakit_cohort co;
	assert_int_equal(itakit_cohort_build(&co, units, n_units, 2566, NULL, &fw), 0);
	assert_int_equal(res.n_units, 50);
	assert_int_equal(res.n_pass, co.n_pass);
	assert_int_equal(res.n_missing, 0);
	assert_true(res.pages >= 6); /* summary, two-page table, sliced charts */
	itakit_cohort_release(&co);
	assert_true(file_size(path) > 10000);
}

/* Same input, same bytes (the dates come from SOURCE_DATE_EPOCH). */
static void test_reproducible(void **state)
{
	(void)state;
	const char *dir = temp_dir();
	char a[512], b[512];
	snprintf(a, sizeof a, "%s/a.pdf", dir);
	snprintf(b, sizeof b, "%s/b.pdf", dir);
	itakit_compare_options o = ITAKIT_COMPARE_OPTIONS_INIT;
	o.lang = ITAKIT_LANG_EN;
	assert_int_equal(itakit_compare_write(NULL, a, &fw, units, n_units, 2566, &o), 0);
	assert_int_equal(itakit_compare_write(NULL, b, &fw, units, n_units, 2566, &o), 0);
	size_t la, lb;
	char *da = slurp(a, &la), *db = slurp(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(da, db, la);
	free(da);
	free(db);
}

static void test_bounded_table(void **state)
{
	(void)state;
	const char *dir = temp_dir();
	char a[512], b[512];
	snprintf(a, sizeof a, "%s/all.pdf", dir);
	snprintf(b, sizeof b, "%s/ten.pdf", dir);
	itakit_compare_result all, ten;
	itakit_compare_options o = ITAKIT_COMPARE_OPTIONS_INIT;
	assert_int_equal(itakit_compare_write(&all, a, &fw, units, n_units, 2566, &o), 0);
	o.max_table_rows = 10;
	assert_int_equal(itakit_compare_write(&ten, b, &fw, units, n_units, 2566, &o), 0);
	assert_true(ten.pages < all.pages);
	assert_int_equal(ten.n_units, all.n_units); /* the summary still covers everyone */
}

/* A year with overall scores only (2562), and a subset of units. */
static void test_overall_only_and_missing(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/o.pdf", temp_dir());
	itakit_compare_result res;
	assert_int_equal(itakit_compare_write(&res, path, &fw, units, n_units, 2562, NULL), 0);
	assert_int_equal(res.n_units, 50);
	/* a subset: the summary counts only what it is given */
	assert_int_equal(itakit_compare_write(&res, path, &fw, units, 20, 2566, NULL), 0);
	assert_int_equal(res.n_units, 20);
	assert_int_equal(res.n_missing, 0);
}

static void test_errors(void **state)
{
	(void)state;
	const char *dir = temp_dir();
	char path[512];
	snprintf(path, sizeof path, "%s/none.pdf", dir);
	assert_int_equal(itakit_compare_write(NULL, path, &fw, units, n_units, 2570, NULL), ITAKIT_ENOTFOUND);
	assert_non_null(strstr(itakit_error_last(), "2570"));
	assert_int_equal(access(path, F_OK), -1); /* nothing left behind */
	assert_int_equal(itakit_compare_write(NULL, NULL, &fw, units, n_units, 2566, NULL), ITAKIT_EUSAGE);
	assert_int_equal(itakit_compare_write(NULL, path, &fw, NULL, 3, 2566, NULL), ITAKIT_EUSAGE);
	itakit_compare_options o = ITAKIT_COMPARE_OPTIONS_INIT;
	o.font = "No Such Font Family";
	assert_int_equal(itakit_compare_write(NULL, path, &fw, units, n_units, 2566, &o), ITAKIT_ENOTFOUND);
	assert_int_equal(access(path, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_districts),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_bounded_table),
		cmocka_unit_test(test_overall_only_and_missing),
		cmocka_unit_test(test_errors),
	};
	/* fontconfig's caches stay: freeing them races with pango's font-sorting
	 * thread (tests/lsan.supp) */
	return cmocka_run_group_tests(tests, setup, teardown);
}
