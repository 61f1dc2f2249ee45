/* Benchmark: load 8,323 one-unit files (one per agency, as some offices
 * keep them) in one call, and time it against a quarter of them: loading is
 * linear when the ratio is about 4 (each path's file identity goes into a
 * hash; comparing each path with every earlier one made it quadratic, 135 s).
 * usage: bench_many_files [SOURCE_DIR]   (files go under /tmp) */
#include "itakit/itakit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define N_FILES 8323

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double load(const itakit_framework *fw, const char *const *paths, size_t n)
{
	itakit_dataset ds;
	itakit_diag_list diags;
	itakit_dataset_init(&ds);
	itakit_diag_list_init(&diags);
	double t0 = now();
	int rc = itakit_dataset_load(&ds, paths, n, fw, NULL, &diags);
	double t = now() - t0;
	if (rc || ds.n_units != n) {
		fprintf(stderr, "bench_many_files: %s (%zu units of %zu)\n", itakit_error_last(), ds.n_units, n);
		exit(1);
	}
	itakit_dataset_release(&ds);
	itakit_diag_list_release(&diags);
	return t;
}

int main(void)
{
	char dir[] = "/tmp/itakit-bench-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char **paths = calloc(N_FILES, sizeof *paths);
	for (size_t i = 0; i < N_FILES; i++) {
		char p[256];
		snprintf(p, sizeof p, "%s/u%05zu.csv", dir, i);
		FILE *fp = fopen(p, "w");
		if (!fp)
			return 1;
		fprintf(fp, "code,unit,year,indicator,score\n%zu,หน่วยงาน %zu,2566,overall,%d\n", 10000 + i, i, 70 + (int)(i % 30));
		fclose(fp);
		paths[i] = strdup(p);
	}
	itakit_framework fw;
	itakit_diag_list d;
	itakit_framework_init(&fw);
	itakit_diag_list_init(&d);
	if (itakit_framework_load(&fw, NULL, &d))
		return 1;
	double quarter = load(&fw, (const char *const *)paths, N_FILES / 4);
	double all = load(&fw, (const char *const *)paths, N_FILES);
	printf("%d one-unit files: %.2f s; a quarter: %.2f s; ratio %.1f (linear: about 4)\n", N_FILES, all, quarter,
	       quarter > 0 ? all / quarter : 0);
	for (size_t i = 0; i < N_FILES; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
	free(paths);
	rmdir(dir);
	itakit_framework_release(&fw);
	itakit_diag_list_release(&d);
	return 0;
}
