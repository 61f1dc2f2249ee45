/* Charts per second: every kind drawn to a PNG-sized image surface and to
 * a PDF stream (in memory, no files), on 1 and 2 threads. Goal: at least
 * 100 charts/s on 2 cores. Usage: bench_charts [ROUNDS] (default 20). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <cairo-pdf.h>

#include "itakit/error.h"
#include "../tests/render/chart_fixtures.h"

static itakit_unit_analysis bkk, trendy, districts[50];
static itakit_unit bkk_u, trendy_u, districts_u[50];
static itakit_cohort cohort;
static int rounds = 20;

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
	*(size_t *)closure += length;
	return CAIRO_STATUS_SUCCESS;
}

static itakit_chart_data data_for(int kind)
{
	itakit_chart_data d = {&fx_fw, kind == ITAKIT_CHART_TREND ? &trendy : &bkk, NULL, NULL,
			       districts, 50, &cohort};
	return d;
}

/* Draws one chart on a fresh surface; returns 0 or the chart's error.
 * mode 0: PNG (raster + encode), 1: PDF, 2: raster only (no PNG encoding). */
static int one_chart(int kind, int mode, size_t *bytes)
{
	itakit_chart_data d = data_for(kind);
	double w, h;
	if (itakit_chart_size(&w, &h, kind, &d, NULL))
		return -1;
	int pdf = mode == 1;
	cairo_surface_t *s = pdf ? cairo_pdf_surface_create_for_stream(discard, bytes, w, h)
				 : cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)(w * 150 / 72 + 1),
							      (int)(h * 150 / 72 + 1));
	cairo_t *cr = cairo_create(s);
	if (!pdf)
		cairo_scale(cr, 150.0 / 72, 150.0 / 72);
	int rc = itakit_chart_draw(cr, w, h, kind, &d, NULL);
	cairo_destroy(cr);
	if (mode == 0)
		cairo_surface_write_to_png_stream(s, discard, bytes);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return rc;
}

static void *worker(void *arg)
{
	int pdf = *(int *)arg;
	size_t bytes = 0;
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++)
			if (one_chart(k, pdf, &bytes)) {
				fprintf(stderr, "chart %s: %s\n", itakit_chart_kind_name(k), itakit_error_last());
				exit(1);
			}
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void run(int threads, int pdf)
{
	pthread_t t[8];
	double t0 = now();
	for (int i = 0; i < threads; i++)
		pthread_create(&t[i], NULL, worker, &pdf);
	for (int i = 0; i < threads; i++)
		pthread_join(t[i], NULL);
	double dt = now() - t0;
	int n = threads * rounds * ITAKIT_CHART_KIND_COUNT;
	static const char *const names[] = {"PNG", "PDF", "raster only"};
	printf("%-11s %d thread%s: %5d charts in %6.2f s = %7.1f charts/s\n", names[pdf], threads,
	       threads > 1 ? "s" : " ", n, dt, n / dt);
}

static void per_kind(void)
{
	for (int k = 0; k < ITAKIT_CHART_KIND_COUNT; k++) {
		size_t bytes = 0;
		int n = rounds;
		double t0 = now();
		for (int i = 0; i < n; i++)
			one_chart(k, 0, &bytes);
		double dt = now() - t0;
		printf("  %-12s PNG %6.1f ms/chart\n", itakit_chart_kind_name(k), dt / n * 1000);
	}
}

int main(int argc, char **argv)
{
	if (argc > 1)
		rounds = atoi(argv[1]) > 0 ? atoi(argv[1]) : rounds;
	fx_framework();
	fx_unit(&bkk, &bkk_u, "กรุงเทพมหานคร", fx_bangkok, 4);
	fx_unit(&trendy, &trendy_u, "สำนักงานเขตราษฎร์บูรณะ", fx_trendy, 5);
	fx_districts_make(districts, districts_u, 50);
	fx_cohort(&cohort, districts, 50, 2566);
	size_t warm = 0;
	one_chart(ITAKIT_CHART_OVERALL, 0, &warm);  /* font loading out of the timing */
	printf("bench_charts: %d rounds of the %d kinds (50-unit kinds included)\n", rounds,
	       ITAKIT_CHART_KIND_COUNT);
	per_kind();
	run(1, 0);
	run(2, 0);
	run(1, 1);
	run(2, 1);
	run(1, 2);
	run(2, 2);
	fx_unit_free(&bkk);
	fx_unit_free(&trendy);
	for (int i = 0; i < 50; i++)
		fx_unit_free(&districts[i]);
	return 0;
}
