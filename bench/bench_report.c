/* Benchmark: the measure report end to end (itakit_report_write: layout,
 * vector charts, fonts, PDF written atomically). One Bangkok report, then
 * the 50 district reports one after another, then the same 50 on two
 * threads, as `batch` may run them. Goal: 50 district reports in
 * under 5 s on 2 cores.
 * usage: bench_report [SOURCE_DIR]   (default: the current directory) */
#include "itakit/itakit.h"
#include "itakit/report.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define THREADS 2

/* Process CPU time: on a shared machine wall time says more about the
 * neighbours than about the code. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
	itakit_dataset ds;
	itakit_unit_analysis *ua;
} set;

static int load(set *s, const itakit_framework *fw, const char *path)
{
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	itakit_dataset_init(&s->ds);
	int rc = itakit_dataset_load_file(&s->ds, path, fw, NULL, &diags);
	itakit_diag_list_release(&diags);
	if (rc) {
		fprintf(stderr, "bench_report: %s: %s\n", path, itakit_error_last());
		return rc;
	}
	s->ua = calloc(s->ds.n_units, sizeof *s->ua);
	for (size_t i = 0; i < s->ds.n_units && !rc; i++)
		rc = itakit_analysis_run_unit(&s->ua[i], &s->ds.units[i], fw, NULL, NULL);
	return rc;
}

static void release(set *s)
{
	for (size_t i = 0; i < s->ds.n_units; i++)
		itakit_unit_analysis_release(&s->ua[i]);
	free(s->ua);
	itakit_dataset_release(&s->ds);
}

typedef struct {
	const itakit_framework *fw;
	const set *s;
	const itakit_report_options *o;
	const char *dir;
	size_t from, step;
	int rc;
} job;

static void *run(void *arg)
{
	job *j = arg;
	for (size_t i = j->from; i < j->s->ds.n_units && !j->rc; i += j->step) {
		char path[1024];
		snprintf(path, sizeof path, "%s/d%02zu.pdf", j->dir, i);
		j->rc = itakit_report_write(NULL, path, j->fw, &j->s->ua[i], 2566, j->o);
		if (j->rc)
			fprintf(stderr, "bench_report: %s\n", itakit_error_last());
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const char *src = argc > 1 ? argv[1] : ".";
	char path[1024], dir[] = "/tmp/itakit-bench-report-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	setenv("SOURCE_DATE_EPOCH", "1700000000", 0);
	itakit_framework fw;
	itakit_framework_init(&fw);
	itakit_measures cat;
	itakit_measures_init(&cat);
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	if (itakit_framework_load(&fw, NULL, &diags) || itakit_measures_load(&cat, NULL, 10, &diags))
		return 1;
	itakit_diag_list_release(&diags);
	set bkk, districts;
	snprintf(path, sizeof path, "%s/data/bangkok.csv", src);
	if (load(&bkk, &fw, path))
		return 1;
	snprintf(path, sizeof path, "%s/data/bangkok_districts_synthetic.csv", src);
	if (load(&districts, &fw, path))
		return 1;
	itakit_report_options o = ITAKIT_REPORT_OPTIONS_INIT;
	o.measures = &cat;

	/* the first report pays for loading the fonts: time it apart */
	double t0 = now();
	snprintf(path, sizeof path, "%s/bangkok.pdf", dir);
	itakit_report_result res;
	if (itakit_report_write(&res, path, &fw, &bkk.ua[0], 2566, &o)) {
		fprintf(stderr, "bench_report: %s\n", itakit_error_last());
		return 1;
	}
	double t1 = now();
	if (itakit_report_write(&res, path, &fw, &bkk.ua[0], 2566, &o))
		return 1;
	double t2 = now();
	printf("Bangkok 2566 (%d pages): first %.3f s, again %.3f s\n", res.pages, t1 - t0, t2 - t1);

	size_t n = districts.ds.n_units;
	job seq = {&fw, &districts, &o, dir, 0, 1, 0};
	double c3 = cpu(), t3 = now();
	run(&seq);
	double t4 = now(), c4 = cpu();
	if (seq.rc)
		return 1;
	printf("%zu district reports, one after another: %.3f s, %.1f reports/s (CPU %.3f s, %.1f ms a report)\n",
	       n, t4 - t3, (double)n / (t4 - t3), c4 - c3, 1000 * (c4 - c3) / (double)n);

	pthread_t th[THREADS];
	job jobs[THREADS];
	for (int t = 0; t < THREADS; t++) {
		jobs[t] = (job){&fw, &districts, &o, dir, (size_t)t, THREADS, 0};
		pthread_create(&th[t], NULL, run, &jobs[t]);
	}
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	double t5 = now();
	for (int t = 0; t < THREADS; t++)
		if (jobs[t].rc)
			return 1;
	printf("%zu district reports on %d threads: %.3f s, %.1f reports/s (goal: 50 in < 5 s)\n",
	       n, THREADS, t5 - t4, (double)n / (t5 - t4));

	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/d%02zu.pdf", dir, i);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/bangkok.pdf", dir);
	unlink(path);
	rmdir(dir);
	release(&bkk);
	release(&districts);
	itakit_measures_release(&cat);
	itakit_framework_release(&fw);
	return 0;
}
