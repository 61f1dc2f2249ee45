/* Charts per second on the bundled district data: every single-unit kind
 * for each of the 50 districts plus every many-unit kind over all 50, drawn
 * and encoded in memory (no files), on 1 and 2 threads and 2 processes.
 * Goal: at least 100 charts/s on 2 cores.
 * Usage: bench_charts [SOURCE_DIR] [ROUNDS] (defaults: ITAKIT_DATA_DIR/.., 1).
 * "PNG" is itakit's zlib writer (what itakit_chart_write uses); "PNG cairo"
 * is cairo's own writer, kept for comparison. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "itakit/itakit.h"
#include "render/png_writer.h"

enum { MODE_PNG, MODE_PNG_CAIRO, MODE_PDF, MODE_SVG, MODE_RASTER, MODE_COUNT };
static const char *const mode_names[MODE_COUNT] = {"PNG", "PNG cairo", "PDF", "SVG", "raster only"};

static itakit_framework fw;
static itakit_dataset ds;
static itakit_unit_analysis *units;
static size_t n_units;
static itakit_cohort cohort;
static int rounds = 1;

typedef struct {
	itakit_chart_kind kind;
	size_t unit;  /* single-unit kinds */
} job;
static job *jobs;
static size_t n_jobs;

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
	*(size_t *)closure += length;
	return CAIRO_STATUS_SUCCESS;
}

static int one_chart(const job *j, int mode, size_t *bytes)
{
	itakit_chart_data d = {&fw, &units[j->unit], NULL, NULL, units, n_units, &cohort};
	itakit_chart_options o = ITAKIT_CHART_OPTIONS_INIT;
	o.year = 2566;
	double w, h;
	if (itakit_chart_size(&w, &h, j->kind, &d, &o))
		return -1;
	bool vector = mode == MODE_PDF || mode == MODE_SVG;
	cairo_surface_t *s = mode == MODE_PDF ? cairo_pdf_surface_create_for_stream(discard, bytes, w, h)
			   : mode == MODE_SVG ? cairo_svg_surface_create_for_stream(discard, bytes, w, h)
			   : cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)(w * 150 / 72 + 1),
							(int)(h * 150 / 72 + 1));
	cairo_t *cr = cairo_create(s);
	if (!vector)
		cairo_scale(cr, 150.0 / 72, 150.0 / 72);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	int rc = itakit_chart_draw(cr, w, h, j->kind, &d, &o);
	cairo_destroy(cr);
	if (!rc && mode == MODE_PNG)
		rc = itakit__png_write(s, 150, discard, bytes);
	if (!rc && mode == MODE_PNG_CAIRO)
		rc = cairo_surface_write_to_png_stream(s, discard, bytes) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return rc;
}

/* Every job, rounds times; part/parts splits the list between workers. */
static void work(int mode, int part, int parts)
{
	size_t bytes = 0;
	for (int r = 0; r < rounds; r++)
		for (size_t i = (size_t)part; i < n_jobs; i += (size_t)parts)
			if (one_chart(&jobs[i], mode, &bytes)) {
				fprintf(stderr, "chart %s: %s\n", itakit_chart_kind_name(jobs[i].kind), itakit_error_last());
				exit(1);
			}
}

typedef struct {
	int mode, part, parts;
} worker_arg;

static void *worker(void *p)
{
	worker_arg *a = p;
	work(a->mode, a->part, a->parts);
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of this process and its waited-for children: on a shared
 * machine, wall time also measures the neighbours. */
static double cpu_now(void)
{
	struct rusage self, kids;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	return self.ru_utime.tv_sec + self.ru_stime.tv_sec + kids.ru_utime.tv_sec + kids.ru_stime.tv_sec +
	       (self.ru_utime.tv_usec + self.ru_stime.tv_usec + kids.ru_utime.tv_usec + kids.ru_stime.tv_usec) / 1e6;
}

static void report(int mode, const char *how, double dt, double cpu)
{
	size_t n = n_jobs * (size_t)rounds;
	printf("%-11s %-11s %5zu charts in %6.2f s = %6.1f charts/s (%5.1f charts per CPU second)\n",
	       mode_names[mode], how, n, dt, n / dt, n / cpu);
}

static void run_threads(int mode, int threads)
{
	pthread_t t[2];
	worker_arg a[2];
	double t0 = now(), c0 = cpu_now();
	for (int i = 0; i < threads; i++) {
		a[i] = (worker_arg){mode, i, threads};
		pthread_create(&t[i], NULL, worker, &a[i]);
	}
	for (int i = 0; i < threads; i++)
		pthread_join(t[i], NULL);
	report(mode, threads == 1 ? "1 thread" : "2 threads", now() - t0, cpu_now() - c0);
}

static void run_processes(int mode, int procs)
{
	double t0 = now(), c0 = cpu_now();
	for (int i = 0; i < procs; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			work(mode, i, procs);
			_exit(0);
		}
	}
	int status, ok = 1;
	for (int i = 0; i < procs; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			ok = 0;
	if (ok)
		report(mode, "2 processes", now() - t0, cpu_now() - c0);
	else
		printf("%-11s 2 processes: a worker failed\n", mode_names[mode]);
}

static void per_kind(void)
{
	for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++) {
		job j = {(itakit_chart_kind)k, 0};
		double t[MODE_COUNT];
		for (int m = 0; m < MODE_COUNT; m++) {
			size_t bytes = 0;
			double t0 = now();
			for (int i = 0; i < 5; i++)
				one_chart(&j, m, &bytes);
			t[m] = (now() - t0) / 5 * 1000;
		}
		printf("  %-12s raster %6.1f  PNG %6.1f  PNG cairo %6.1f  PDF %6.1f  SVG %6.1f ms\n",
		       itakit_chart_kind_name(k), t[MODE_RASTER], t[MODE_PNG], t[MODE_PNG_CAIRO], t[MODE_PDF],
		       t[MODE_SVG]);
	}
}

int main(int argc, char **argv)
{
	char path[4096];
	const char *src = argc > 1 ? argv[1] : ITAKIT_SOURCE_DIR;
	if (argc > 2 && atoi(argv[2]) > 0)
		rounds = atoi(argv[2]);
	snprintf(path, sizeof path, "%s/data/bangkok_districts_synthetic.csv", src);
	itakit_diag_list diags;
	itakit_diag_list_init(&diags);
	itakit_framework_init(&fw);
	itakit_dataset_init(&ds);
	if (itakit_framework_load(&fw, NULL, &diags) || itakit_dataset_load_file(&ds, path, &fw, NULL, &diags)) {
		fprintf(stderr, "bench_charts: cannot load %s: %s\n", path, itakit_error_last());
		return 1;
	}
	n_units = ds.n_units;
	units = calloc(n_units, sizeof *units);
	for (size_t i = 0; i < n_units; i++)
		if (itakit_analysis_run_unit(&units[i], &ds.units[i], &fw, NULL, NULL))
			return 1;
	if (itakit_cohort_build(&cohort, units, n_units, 2566, NULL, &fw))
		return 1;
	jobs = calloc(n_units * ITAKIT_CHART_KIND_COUNT, sizeof *jobs);
	int n_multi = 0;
	for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++) {
		if (itakit_chart_kind_is_multi(k))
			jobs[n_jobs++] = (job){(itakit_chart_kind)k, 0}, n_multi++;
		else
			for (size_t i = 0; i < n_units; i++)
				jobs[n_jobs++] = (job){(itakit_chart_kind)k, i};
	}
	size_t warm = 0;
	one_chart(&jobs[0], MODE_PNG, &warm);  /* font loading out of the timing */
	printf("bench_charts: %zu charts a round (%zu units x %d single-unit kinds + %d many-unit kinds of %zu units), "
	       "%d round(s), 150 dpi\n", n_jobs, n_units, ITAKIT_CHART_KIND_COUNT - n_multi, n_multi, n_units, rounds);
	per_kind();
	static const int modes[] = {MODE_PNG, MODE_PNG_CAIRO, MODE_PDF, MODE_SVG, MODE_RASTER};
	for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
		run_threads(modes[m], 1);
		run_threads(modes[m], 2);
		run_processes(modes[m], 2);
	}
	itakit_cohort_release(&cohort);
	for (size_t i = 0; i < n_units; i++)
		itakit_unit_analysis_release(&units[i]);
	free(units);
	free(jobs);
	itakit_dataset_release(&ds);
	itakit_framework_release(&fw);
	itakit_diag_list_release(&diags);
	return 0;
}
