/* Statistics. GSL is used here only; its default error handler (which aborts)
 * is switched off when the library first uses it. */
#ifndef ITAKIT_STATS_H
#define ITAKIT_STATS_H

/* The public API: exported from the shared library, whose other symbols
 * are hidden (-fvisibility=hidden). */
#pragma GCC visibility push(default)

#include <stdbool.h>
#include <stddef.h>

/* Least-squares line y = intercept + slope * x with a 95% prediction
 * interval for a new observation at x_next. */
typedef struct {
	bool ok;           /* false when n < 3 (no trend statistics) */
	size_t n;
	double slope, intercept;
	double r2;         /* 1 when the fit is exact (also for constant y) */
	double x_next;     /* where the forecast is made */
	double forecast, low, high;
	bool sloped;       /* the slope differs from zero at the 5% level
			      (two-sided t test, n - 2 degrees of freedom):
			      the series has a direction. Few points or a
			      low r2 leave it false */
} itakit_linear_fit;

/* Fits x[i], y[i] (i < n). With n < 3 or all x equal, out->ok is false and
 * the other fields are zero: never NaN or inf. */
void itakit_stats_fit(itakit_linear_fit *out, const double *x, const double *y,
		      size_t n, double x_next);

typedef struct {
	size_t n;
	double mean, median, sd, min, max; /* sd: sample (n - 1); 0 when n < 2 */
	double q1, q3;                     /* quartiles, for box plots */
} itakit_summary;

/* Summary of v[0..n) (n may be 0: all zero). Does not modify v. */
int itakit_stats_summary(itakit_summary *out, const double *v, size_t n);

#pragma GCC visibility pop
#endif
