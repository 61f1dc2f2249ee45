/* The measure report through the library API (what `batch` calls): result
 * fields, error codes, nothing left behind on failure, byte-identical
 * output, and concurrent calls giving the same bytes as sequential ones.
 * What the pages say is checked end to end in tests/cli/test_report.sh. */
#include "test_support.h"
#include "itakit/report.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BKK "กรุงเทพมหานคร"
#define N_THREADS 2
#define PER_THREAD 3

static char *slurp(const char *path, size_t *len)
{
	char *data = NULL;
	assert_int_equal(itakit_file_read(&data, len, path, 0), 0);
	return data;
}

static void test_bangkok(void **state)
{
	(void)state;
	analysed_data f;
	analysed_data_load(&f, "data/bangkok.csv");
	char dir[300], a[400], b[400];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(a, sizeof a, "%s/a.pdf", dir);
	snprintf(b, sizeof b, "%s/sub/b.pdf", dir);
	itakit_report_result res;
	assert_int_equal(itakit_report_write(&res, a, &f.fw, &f.ua[0], 2566, NULL), 0);
	assert_true(res.pages >= 6 && res.pages <= 20);
	assert_int_equal(res.n_uncovered, 0); /* the built-in catalog covers every indicator */
	/* same input, same bytes; a missing directory is created */
	assert_int_equal(itakit_report_write(NULL, b, &f.fw, &f.ua[0], 2566, NULL), 0);
	size_t la, lb;
	char *da = slurp(a, &la), *db = slurp(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(da, db, la);
	assert_memory_equal(da, "%PDF-", 5);
	free(da);
	free(db);
	analysed_data_release(&f);
}

static void test_errors_leave_nothing(void **state)
{
	(void)state;
	analysed_data f;
	analysed_data_load(&f, "data/bangkok.csv");
	char dir[300], path[400];
	snprintf(dir, sizeof dir, "%s", temp_dir());
	snprintf(path, sizeof path, "%s/r.pdf", dir);

	itakit_report_options o = ITAKIT_REPORT_OPTIONS_INIT;
	assert_int_equal(itakit_report_write(NULL, path, &f.fw, &f.ua[0], 2564, &o), ITAKIT_ENOTFOUND);
	assert_non_null(strstr(itakit_error_last(), "2564"));
	/* the flags come from the analysis: a report against another threshold
	 * would contradict them */
	o.threshold = 90;
	assert_int_equal(itakit_report_write(NULL, path, &f.fw, &f.ua[0], 2566, &o), ITAKIT_EUSAGE);
	o.threshold = 85; /* the same as the analysis's: fine */
	o.font = "No Such Font Family";
	assert_int_equal(itakit_report_write(NULL, path, &f.fw, &f.ua[0], 2566, &o), ITAKIT_ENOTFOUND);
	assert_int_equal(itakit_report_write(NULL, NULL, &f.fw, &f.ua[0], 2566, NULL), ITAKIT_EUSAGE);
	assert_int_equal(dir_entries(dir), 0);
	analysed_data_release(&f);
}

static void test_uncovered(void **state)
{
	(void)state;
	analysed_data f;
	analysed_data_load(&f, "data/bangkok.csv");
	itakit_measures cat;
	itakit_measures_init(&cat);
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	assert_int_equal(itakit_measures_load(&cat, fixture_path("measures_missing.csv"), 10, &diags), 0);
	itakit_diag_list_release(&diags);
	char path[400];
	snprintf(path, sizeof path, "%s/u.pdf", temp_dir());
	itakit_report_options o = ITAKIT_REPORT_OPTIONS_INIT;
	o.measures = &cat;
	itakit_report_result res;
	assert_int_equal(itakit_report_write(&res, path, &f.fw, &f.ua[0], 2566, &o), 0);
	/* in the order of the flagged list: 6 7 8 5 4 2 */
	assert_int_equal(res.n_uncovered, 2);
	assert_int_equal(res.uncovered[0], 5);
	assert_int_equal(res.uncovered[1], 2);
	itakit_measures_release(&cat);
	analysed_data_release(&f);
}

/* ---- reentrancy: batch writes many reports, possibly on threads ---- */

typedef struct {
	const analysed_data *f;
	const itakit_measures *cat;
	const char *dir;
	size_t first;
	int rc;
} job;

static void *run_job(void *arg)
{
	job *j = arg;
	itakit_report_options o = ITAKIT_REPORT_OPTIONS_INIT;
	o.measures = j->cat;
	for (size_t k = 0; k < PER_THREAD && !j->rc; k++) {
		char path[512];
		snprintf(path, sizeof path, "%s/t%zu.pdf", j->dir, j->first + k);
		j->rc = itakit_report_write(NULL, path, &j->f->fw, &j->f->ua[j->first + k], 2566, &o);
	}
	return NULL;
}

static void test_threads_match_sequential(void **state)
{
	(void)state;
	analysed_data f;
	analysed_data_load(&f, "data/bangkok_districts_synthetic.csv");
	assert_true(f.n >= N_THREADS * PER_THREAD);
	itakit_measures cat;
	itakit_measures_init(&cat);
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	assert_int_equal(itakit_measures_load(&cat, NULL, 10, &diags), 0);
	itakit_diag_list_release(&diags);
	char dir[300];
	snprintf(dir, sizeof dir, "%s", temp_dir());

	pthread_t th[N_THREADS];
	job jobs[N_THREADS];
	for (int t = 0; t < N_THREADS; t++) {
		jobs[t] = (job){&f, &cat, dir, (size_t)t * PER_THREAD, 0};
		assert_int_equal(pthread_create(&th[t], NULL, run_job, &jobs[t]), 0);
	}
	for (int t = 0; t < N_THREADS; t++) {
		assert_int_equal(pthread_join(th[t], NULL), 0);
		assert_int_equal(jobs[t].rc, 0);
	}
	itakit_report_options o = ITAKIT_REPORT_OPTIONS_INIT;
	o.measures = &cat;
	for (size_t i = 0; i < N_THREADS * PER_THREAD; i++) {
		char seq[512], par[512];
		snprintf(seq, sizeof seq, "%s/s%zu.pdf", dir, i);
		snprintf(par, sizeof par, "%s/t%zu.pdf", dir, i);
		assert_int_equal(itakit_report_write(NULL, seq, &f.fw, &f.ua[i], 2566, &o), 0);
		size_t ls, lp;
		char *ds = slurp(seq, &ls), *dp = slurp(par, &lp);
		assert_int_equal(ls, lp);
		assert_memory_equal(ds, dp, ls);
		free(ds);
		free(dp);
	}
	itakit_measures_release(&cat);
	analysed_data_release(&f);
}

int main(void)
{
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bangkok),
		cmocka_unit_test(test_errors_leave_nothing),
		cmocka_unit_test(test_uncovered),
		cmocka_unit_test(test_threads_match_sequential),
	};
	/* The process-wide font caches are not freed at exit (FcFini races with
	 * pango's font-sorting thread); tests/lsan.supp covers them. */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
