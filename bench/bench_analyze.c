/* Benchmark: load and analyse a national-scale set end to end (every unit,
 * every year, trends, the cohort of the latest year, the JSON export) and
 * print wall time and peak memory. Goal: under 1 s and 150 MB for
 * 8,323 units x 5 years (416,150 rows) on a 2-core machine.
 * usage: bench_analyze FILE.csv   (make FILE with `itakit-gen national FILE`) */
#include "itakit/itakit.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bench_analyze FILE.csv\n");
		return 2;
	}
	double t0 = now();
	itakit_framework fw;
	itakit_dataset ds;
	itakit_diag_list diags;
	itakit_framework_init(&fw);
	itakit_dataset_init(&ds);
	itakit_diag_list_init(&diags);
	if (itakit_framework_load(&fw, NULL, &diags) || itakit_dataset_load_file(&ds, argv[1], &fw, NULL, &diags)) {
		fprintf(stderr, "bench_analyze: cannot load %s: %s (%zu errors)\n", argv[1], itakit_error_last(), diags.errors);
		return 1;
	}
	double t_load = now();
	itakit_unit_analysis *ua = calloc(ds.n_units, sizeof *ua);
	for (size_t i = 0; i < ds.n_units; i++)
		if (itakit_analysis_run_unit(&ua[i], &ds.units[i], &fw, NULL, NULL))
			return 1;
	double t_analysis = now();
	itakit_cohort co;
	int year = itakit_analyses_latest_year(ua, ds.n_units);
	if (itakit_cohort_build(&co, ua, ds.n_units, year, NULL, &fw))
		return 1;
	/* stream the JSON to a file as `itakit analyze --format json -o FILE` does */
	FILE *sink = tmpfile();
	itakit_strbuf json;
	itakit_strbuf_init_sink(&json, sink);
	size_t json_bytes = 0;
	if (itakit_export_json(&json, &fw, ua, ds.n_units, &co, NULL))
		return 1;
	itakit_strbuf_flush(&json);
	json_bytes = (size_t)ftell(sink);
	double t_end = now();
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("units %zu, rows %zu\n", ds.n_units, ds.n_rows);
	printf("load      %.3f s\n", t_load - t0);
	printf("analysis  %.3f s\n", t_analysis - t_load);
	printf("cohort+json %.3f s (%zu bytes of JSON, streamed)\n", t_end - t_analysis, json_bytes);
	printf("total     %.3f s (goal < 1 s)\n", t_end - t0);
	printf("peak RSS  %.1f MB (goal < 150 MB)\n", (double)ru.ru_maxrss / 1024.0);
	itakit_strbuf_release(&json);
	fclose(sink);
	itakit_cohort_release(&co);
	for (size_t i = 0; i < ds.n_units; i++)
		itakit_unit_analysis_release(&ua[i]);
	free(ua);
	itakit_dataset_release(&ds);
	itakit_framework_release(&fw);
	itakit_diag_list_release(&diags);
	return 0;
}
